/** How many days after a chat (or a first page view, for the baseline) a purchase still counts, by default and at most. */
export const ATTRIBUTION_DAYS_DEFAULT = 3;
export const ATTRIBUTION_DAYS_MAX = 30;
