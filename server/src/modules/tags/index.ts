export { TagsRepository } from './tags.repository.ts';
export { TagsService, type TaggedConversations } from './tags.service.ts';
export { tagRoutes } from './tags.routes.ts';
export { createTagsModule, type TagsModuleDeps } from './tags.module.ts';
