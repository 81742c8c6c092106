import type { ratingEn } from './en.ts';

export const ratingEs: Record<keyof typeof ratingEn, string> = {
  'rating.label': 'Valoración',
  'rating.stars': '{score} de 5',
  'rating.comment': '«{comment}»',
  'rating.lowTitle': 'Valoración baja de {name}: {score} de 5',
  'rating.lowAnnounce': '{name} ha valorado el chat con un {score} de 5. {comment}',
};
