/** The site settings for the end of a chat: the rating and the NPS question. */
export const feedbackEn = {
  'site.fieldRating': 'Ask for a rating when a chat ends',
  'site.ratingHint': 'The shopper rates the chat from 1 to 5, with an optional comment. A rating of 1 or 2 alerts the admins.',
  'site.fieldRatingAskAgain': 'Ask again when a reopened chat ends again',
  'site.ratingAskAgainHint': 'Off: one rating per conversation.',
  'site.fieldNps': 'Ask how likely shoppers are to recommend the shop (NPS)',
  'site.npsHint': 'One question from 0 to 10 after a chat, at most once every 90 days per shopper.',
};
