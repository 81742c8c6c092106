import type { feedbackEn } from './en.ts';

export const feedbackCa: Record<keyof typeof feedbackEn, string> = {
  'site.fieldRating': 'Demana una valoració quan acaba un xat',
  'site.ratingHint': 'El client valora el xat de l’1 al 5, amb un comentari opcional. Una valoració d’1 o 2 avisa els administradors.',
  'site.fieldRatingAskAgain': 'Torna-la a demanar quan un xat reobert acaba de nou',
  'site.ratingAskAgainHint': 'Desactivat: una valoració per conversa.',
  'site.fieldNps': 'Pregunta amb quina probabilitat recomanarien la botiga (NPS)',
  'site.npsHint': 'Una pregunta del 0 al 10 després d’un xat, com a molt una vegada cada 90 dies per client.',
};
