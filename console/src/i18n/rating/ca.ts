import type { ratingEn } from './en.ts';

export const ratingCa: Record<keyof typeof ratingEn, string> = {
  'rating.label': 'Valoració',
  'rating.stars': '{score} de 5',
  'rating.comment': '«{comment}»',
  'rating.lowTitle': 'Valoració baixa de {name}: {score} de 5',
  'rating.lowAnnounce': '{name} ha valorat el xat amb un {score} de 5. {comment}',
};
