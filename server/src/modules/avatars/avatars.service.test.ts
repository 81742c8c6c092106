import { expect, it } from 'vitest';
import { AVATAR_PATH } from '@mostrador/shared';
import { describeOnEngines, insertAgent, insertSite } from '../../testing/engines.ts';
import { avatarsRepository } from './avatars.module.ts';
import { AvatarsService, type AvatarPorts } from './avatars.service.ts';
import { newPictureName, type PictureStore } from './picture-store.ts';
import { PNG_BYTES } from './picture-fixtures.ts';

/** Pictures' bytes in memory: what the files hold is the file store's test, not this one's. */
function memoryStore(): PictureStore & { names(): string[] } {
  const files = new Map<string, Buffer>();
  return {
    async put(bytes) {
      const name = newPictureName();
      files.set(name, Buffer.from(bytes));
      return name;
    },
    async get(name) {
      return files.get(name) ?? null;
    },
    async remove(name) {
      files.delete(name);
    },
    names: () => [...files.keys()],
  };
}

describeOnEngines('agent pictures across a restart', (engine) => {
  const ports: AvatarPorts = { agentExists: (siteId, agentId) => siteId === 'site-a' && agentId === 'ana', changed: () => undefined };
  /** A process starting: the service reads every row before it answers. */
  const started = async (store: PictureStore, agentPorts = ports) => {
    const avatars = new AvatarsService(avatarsRepository(engine()), store, agentPorts);
    await avatars.load();
    return avatars;
  };
  async function anaOfSiteA() {
    await insertSite(engine(), 'site-a');
    await insertAgent(engine(), 'site-a', 'ana');
    return memoryStore();
  }

  it('answers the team list from memory, filled at start with what an earlier run saved', async () => {
    const store = await anaOfSiteA();
    const before = await started(store);
    expect(before.pictureOf('ana')).toBeNull();
    await before.set('site-a', 'ana', PNG_BYTES);
    const set = await before.set('site-a', 'ana', PNG_BYTES);
    // The first picture's file went with it.
    expect(store.names()).toHaveLength(1);
    const id = store.names()[0]!;
    expect(set).toEqual({ ok: true, data: { picture: `${AVATAR_PATH}/${id}` } });

    const after = await started(store);
    expect(after.pictureOf('ana')).toBe(`${AVATAR_PATH}/${id}`);
    expect(await after.served(id)).toEqual({ contentType: 'image/png', bytes: PNG_BYTES });

    expect(await after.remove('site-a', 'ana')).toEqual({ ok: true, data: { picture: null } });
    expect(after.pictureOf('ana')).toBeNull();
    expect(await after.served(id)).toBeNull();
    const again = await started(store);
    expect(again.pictureOf('ana')).toBeNull();
    expect(store.names()).toEqual([]);
  });

  it('leaves the picture in memory and on disk as it was when the write fails, and keeps the refused file nowhere', async () => {
    const store = await anaOfSiteA();
    const avatars = await started(store);
    await avatars.set('site-a', 'ana', PNG_BYTES);
    const kept = avatars.pictureOf('ana');
    // The agent the ports vouch for is not in this database's agents: the row is refused.
    const stranger = await started(store, { ...ports, agentExists: () => true });
    await expect(stranger.set('site-a', 'nobody', PNG_BYTES)).rejects.toThrow();
    expect(store.names()).toHaveLength(1);
    expect(stranger.pictureOf('nobody')).toBeNull();
    expect(stranger.pictureOf('ana')).toBe(kept);
  });
});
