export { CannedRepliesService, type CannedInput } from './canned-replies.service.ts';
export type { ChatLines } from './canned-suggest.service.ts';
export { createCannedRepliesModule, type CannedRepliesModuleDeps } from './canned-replies.module.ts';
