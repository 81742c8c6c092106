export { CannedRepliesRepository } from './canned-replies.repository.ts';
export { CannedRepliesService, type CannedInput } from './canned-replies.service.ts';
export { cannedRoutes } from './canned-replies.routes.ts';
