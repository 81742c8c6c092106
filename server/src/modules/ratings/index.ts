export { RatingsService, type RatedConversation, type RatingsPorts, type FeedbackSettings } from './ratings.service.ts';
export { createRatingsModule, type RatingsModuleDeps } from './ratings.module.ts';
