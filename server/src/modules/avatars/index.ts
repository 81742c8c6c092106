export { AvatarsRepository } from './avatars.repository.ts';
export { AvatarsService, type AvatarPorts } from './avatars.service.ts';
export { avatarRoutes } from './avatars.routes.ts';
export { fileStore, type PictureStore } from './picture-store.ts';
export { createAvatarsModule, type AvatarsModuleDeps } from './avatars.module.ts';
