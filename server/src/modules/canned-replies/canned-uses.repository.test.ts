import { expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { describeOnEngines, insertAgent, insertConversation, insertSite } from '../../testing/engines.ts';
import { cannedRepliesRepository, cannedUsesRepository } from './canned-replies.module.ts';

const AT = 1_800_000_000_000;

/** Two sites, each with an agent, a team reply and a conversation. */
async function twoSites(engine: Engine) {
  const replies = cannedRepliesRepository(engine);
  for (const [site, agent] of [
    ['site-a', 'ana'],
    ['site-b', 'cy'],
  ] as const) {
    await insertSite(engine, site);
    await insertAgent(engine, site, agent);
    await insertConversation(engine, site, `conv-${site}`);
    const bodies = { ca: 'Hola', es: 'Hola', en: 'Hello' };
    const row = { siteId: site, ownerId: null, departmentId: null, title: 'Hi', bodies, productUrl: null, createdAt: AT, updatedAt: AT };
    await replies.insert([{ ...row, id: `reply-${site}`, shortcut: 'hi' }]);
  }
  return cannedUsesRepository(engine);
}

const use = (seq: number, usedAt: number, site = 'site-a', agentId = 'ana') => ({
  siteId: site,
  replyId: `reply-${site}`,
  conversationId: `conv-${site}`,
  agentId,
  seq,
  usedAt,
});

describeOnEngines('the canned uses repository', (engine) => {
  it('answers a site’s latest uses, newest first, the later row first among uses of one moment, up to the limit', async () => {
    const uses = await twoSites(engine());
    expect(await uses.recent('site-a', 10)).toEqual([]);
    // Written out of time order; seq 3 and 4 were used at one moment.
    for (const [seq, usedAt] of [
      [1, AT + 10],
      [3, AT + 30],
      [2, AT + 20],
      [4, AT + 30],
      [0, AT],
    ] as const)
      await uses.insert(use(seq, usedAt));
    await uses.insert(use(9, AT + 99, 'site-b', 'cy'));

    const seqs = async (limit: number) => (await uses.recent('site-a', limit)).map((row) => row.seq);
    expect(await seqs(10)).toEqual([4, 3, 2, 1, 0]);
    expect(await seqs(2)).toEqual([4, 3]);
    // Only what the suggestions read, with another site's use left out.
    expect((await uses.recent('site-a', 1))[0]).toEqual({ replyId: 'reply-site-a', conversationId: 'conv-site-a', seq: 4 });
    expect(await uses.recent('site-b', 10)).toEqual([{ replyId: 'reply-site-b', conversationId: 'conv-site-b', seq: 9 }]);
    expect(await uses.recent('site-missing', 10)).toEqual([]);
  });

  it('refuses a use of a reply or conversation that does not exist', async () => {
    const uses = await twoSites(engine());
    await expect(uses.insert({ ...use(1, AT), replyId: 'reply-missing' })).rejects.toThrow();
    await expect(uses.insert({ ...use(1, AT), conversationId: 'conv-missing' })).rejects.toThrow();
    expect(await uses.recent('site-a', 10)).toEqual([]);
  });
});
