import type { feedbackEn } from './en.ts';

export const feedbackEs: Record<keyof typeof feedbackEn, string> = {
  'site.fieldRating': 'Pedir una valoración cuando termina un chat',
  'site.ratingHint':
    'El cliente valora el chat del 1 al 5, con un comentario opcional. Una valoración de 1 o 2 avisa a los administradores.',
  'site.fieldRatingAskAgain': 'Volver a pedirla cuando un chat reabierto termina de nuevo',
  'site.ratingAskAgainHint': 'Desactivado: una valoración por conversación.',
  'site.fieldNps': 'Preguntar con qué probabilidad recomendarían la tienda (NPS)',
  'site.npsHint': 'Una pregunta del 0 al 10 después de un chat, como mucho una vez cada 90 días por cliente.',
};
