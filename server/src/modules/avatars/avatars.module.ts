import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../db/engine.ts';
import type { AvatarsRepository } from './avatars.repository.ts';
import { PgAvatarsRepository } from './avatars.repository.pg.ts';
import { SqliteAvatarsRepository } from './avatars.repository.sqlite.ts';
import { avatarRoutes } from './avatars.routes.ts';
import { AvatarsService, type AvatarPorts } from './avatars.service.ts';
import { fileStore } from './picture-store.ts';

export interface AvatarsModuleDeps {
  engine: Engine;
  /** Where the pictures are kept, as files with random names. */
  dir: string;
  ports: AvatarPorts;
}

export function avatarsRepository(engine: Engine): AvatarsRepository {
  return engine.kind === 'sqlite' ? new SqliteAvatarsRepository(engine.db) : new PgAvatarsRepository(engine.db);
}

/** Agents' pictures, with their routes. Every picture's row is read into memory by `avatars.load()` before the app serves. */
export async function createAvatarsModule(deps: AvatarsModuleDeps) {
  const avatars: AvatarsService = new AvatarsService(avatarsRepository(deps.engine), fileStore(deps.dir), deps.ports);
  await avatars.load();
  return {
    avatars,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(avatarRoutes, { avatars });
    },
  };
}
