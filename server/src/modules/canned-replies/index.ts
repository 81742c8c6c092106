export { CannedRepliesRepository } from './canned-replies.repository.ts';
export { CannedRepliesService, type CannedInput } from './canned-replies.service.ts';
export { cannedRoutes } from './canned-replies.routes.ts';
export { CannedSuggestions, type ChatLines } from './canned-suggest.service.ts';
export { CannedUsesRepository } from './canned-uses.repository.ts';
export { CannedUsesPersonalData } from './canned-uses.personal-data.ts';
export { createCannedRepliesModule, type CannedRepliesModuleDeps } from './canned-replies.module.ts';
