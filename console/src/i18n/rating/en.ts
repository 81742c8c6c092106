/** The end of a chat in the inbox: the shopper's rating, and the admins' alert for a low one. */
export const ratingEn = {
  'rating.label': 'Rating',
  'rating.stars': '{score} of 5',
  'rating.comment': '“{comment}”',
  'rating.lowTitle': 'Low rating from {name}: {score} of 5',
  'rating.lowAnnounce': '{name} rated the chat {score} of 5. {comment}',
};
