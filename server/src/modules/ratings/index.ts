export { RatingsRepository } from './ratings.repository.ts';
export { RatingsService, type RatedConversation, type RatingsPorts, type FeedbackSettings } from './ratings.service.ts';
export { RatingsPersonalData } from './ratings.personal-data.ts';
export { ratingsRoutes } from './ratings.routes.ts';
export { createRatingsModule, type RatingsModuleDeps } from './ratings.module.ts';
