import { AVATAR_MAX_BYTES, AVATAR_PATH, fail, ok, type AgentPicture, type Result } from '@mostrador/shared';
import type { AvatarsRepository, PictureRow } from './avatars.repository.ts';
import { sniffPictureType, type PictureType } from './image-type.ts';
import { stripJpegMetadata } from './jpeg-metadata.ts';
import type { PictureStore } from './picture-store.ts';
import { OneAtATime } from '../../db/one-at-a-time.ts';

/** What the avatars module needs to know of the rest: whether an agent is of a site, and whom to tell of a change. */
export interface AvatarPorts {
  agentExists(siteId: string, agentId: string): boolean;
  /** The agent's picture changed: the console's team list and the widgets' team line are told. */
  changed(siteId: string, agentId: string): void;
}

export interface ServedPicture {
  contentType: PictureType;
  bytes: Buffer;
}

const NOT_FOUND = 'No such agent';

/**
 * Agents' pictures: accepted only as PNG, JPEG or WebP by their bytes, JPEG
 * stripped of its metadata, stored under a random name that is also the
 * public URL. Every picture is in memory by agent (a few rows per site), so
 * the team list and the widget's team line never read the database for them:
 * they are built synchronously, and on PostgreSQL a read would be a promise.
 * `load` fills the copy once, before the app serves; `set` and `remove`
 * write, then refresh it (no other code writes the table).
 */
export class AvatarsService {
  private readonly byAgent = new Map<string, PictureRow>();
  private readonly byId = new Map<string, PictureRow>();
  /**
   * The writes, each with its refresh of the copy: on PostgreSQL two writes for one agent could otherwise
   * finish out of order, leaving in memory (and on disk) another picture than the table names.
   */
  private readonly writes = new OneAtATime();
  private readonly changeListeners: Array<(siteId: string, agentId: string) => void> = [];

  constructor(
    private readonly repo: AvatarsRepository,
    private readonly store: PictureStore,
    private readonly ports: AvatarPorts,
  ) {}

  /** Reads every site's pictures into memory: before the app serves (again, it replaces the copy). */
  load(): Promise<void> {
    return this.writes.run(async () => {
      const rows = await this.repo.all();
      this.byAgent.clear();
      this.byId.clear();
      for (const row of rows) this.remember(row);
    });
  }

  /** Reads the agent's picture row again from the table: another node changed it (its file is that node's store's). */
  reload(siteId: string, agentId: string): Promise<void> {
    return this.writes.run(async () => {
      const row = await this.repo.ofAgent(siteId, agentId);
      if (this.byAgent.get(agentId)?.siteId === siteId) this.forget(agentId);
      if (row) this.remember(row);
    });
  }

  /** Called with the agent after each change of their picture made here, once it is committed. */
  onChanged(listener: (siteId: string, agentId: string) => void): void {
    this.changeListeners.push(listener);
  }

  /** The path the picture is served at, or null: the agent has none. */
  pictureOf(agentId: string): AgentPicture {
    const row = this.byAgent.get(agentId);
    return row ? `${AVATAR_PATH}/${row.id}` : null;
  }

  /** Replaces the agent's picture; the old file is removed. Another site's agent is not found. */
  async set(siteId: string, agentId: string, upload: Uint8Array): Promise<Result<{ picture: AgentPicture }>> {
    if (!this.ports.agentExists(siteId, agentId)) return fail('not_found', NOT_FOUND);
    if (upload.length > AVATAR_MAX_BYTES) return fail('too_large', `A picture may be at most ${AVATAR_MAX_BYTES} bytes`);
    const contentType = sniffPictureType(upload);
    const bytes = contentType === 'image/jpeg' ? stripJpegMetadata(upload) : upload;
    if (!contentType || !bytes) return fail('image_type_refused', 'A picture must be a PNG, JPEG or WebP image');
    const id = await this.store.put(bytes);
    const row: PictureRow = { id, siteId, agentId, contentType, bytes: bytes.length, createdAt: Date.now() };
    const previous = await this.writes.run(async () => {
      try {
        await this.repo.replace(row);
      } catch (err) {
        await this.store.remove(id);
        throw err;
      }
      const replaced = this.forget(agentId);
      this.remember(row);
      return replaced;
    });
    if (previous) await this.store.remove(previous.id);
    this.changed(siteId, agentId);
    return ok({ picture: this.pictureOf(agentId) });
  }

  /** Removes the agent's picture and its file; having none is fine. Another site's agent is not found. */
  async remove(siteId: string, agentId: string): Promise<Result<{ picture: null }>> {
    if (!this.ports.agentExists(siteId, agentId)) return fail('not_found', NOT_FOUND);
    const previous = await this.writes.run(async () => {
      const current = this.byAgent.get(agentId);
      if (current) await this.repo.remove(siteId, agentId);
      // Forgotten only once the row is gone: a failed write leaves the copy as the table is.
      return current && this.forget(agentId);
    });
    if (!previous) return ok({ picture: null });
    await this.store.remove(previous.id);
    this.changed(siteId, agentId);
    return ok({ picture: null });
  }

  /** A picture by its public id, with the type decided at upload; null for any id that is not a current picture. */
  async served(id: string): Promise<ServedPicture | null> {
    const row = this.byId.get(id);
    if (!row) return null;
    const bytes = await this.store.get(row.id);
    return bytes ? { contentType: row.contentType, bytes } : null;
  }

  private changed(siteId: string, agentId: string): void {
    this.ports.changed(siteId, agentId);
    for (const listener of this.changeListeners) listener(siteId, agentId);
  }

  /** Drops the agent's picture from memory and returns it. */
  private forget(agentId: string): PictureRow | undefined {
    const row = this.byAgent.get(agentId);
    if (row) {
      this.byAgent.delete(agentId);
      this.byId.delete(row.id);
    }
    return row;
  }

  private remember(row: PictureRow): void {
    this.byAgent.set(row.agentId, row);
    this.byId.set(row.id, row);
  }
}
