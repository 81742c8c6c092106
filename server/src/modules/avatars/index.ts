export { AvatarsService, type AvatarPorts } from './avatars.service.ts';
export type { PictureStore } from './picture-store.ts';
export { createAvatarsModule, type AvatarsModuleDeps } from './avatars.module.ts';
