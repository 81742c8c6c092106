import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { AvatarsRepository } from './avatars.repository.ts';
import { avatarRoutes } from './avatars.routes.ts';
import { AvatarsService, type AvatarPorts } from './avatars.service.ts';
import { fileStore } from './picture-store.ts';

export interface AvatarsModuleDeps {
  db: Db;
  /** Where the pictures are kept, as files with random names. */
  dir: string;
  ports: AvatarPorts;
}

/** Agents' pictures, with their routes. */
export function createAvatarsModule(deps: AvatarsModuleDeps) {
  const avatars: AvatarsService = new AvatarsService(new AvatarsRepository(deps.db), fileStore(deps.dir), deps.ports);
  return {
    avatars,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(avatarRoutes, { avatars });
    },
  };
}
