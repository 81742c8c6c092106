export { TagsService, type TaggedConversations } from './tags.service.ts';
export { createTagsModule, type TagsModuleDeps } from './tags.module.ts';
