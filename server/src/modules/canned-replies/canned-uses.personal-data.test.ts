import { expect, it } from 'vitest';
import { andThen } from '../../db/committer.ts';
import { committerOn, describeOnEngines, insertAgent, insertConversation, insertSite } from '../../testing/engines.ts';
import { visitorLinesRepository } from '../conversations/index.ts';
import { cannedRepliesRepository, cannedUsesRepository } from './canned-replies.module.ts';
import { CannedUsesPersonalData } from './canned-uses.personal-data.ts';

const AT = 1_800_000_000_000;

const scopeOf = (siteId: string, visitorIds: string[]) => ({
  siteId,
  subject: { kind: 'visitor' as const, id: visitorIds[0] ?? 'nobody' },
  visitorIds,
  customerIds: [],
});

describeOnEngines('the canned uses’ personal data', (engine) => {
  /** Site A: two shoppers with a conversation each; site B: one. Each conversation has two uses of its site's reply. */
  async function usesOnTwoSites() {
    const uses = cannedUsesRepository(engine());
    for (const [site, agent, conversations] of [
      ['site-a', 'ana', ['conv-a1', 'conv-a2']],
      ['site-b', 'cy', ['conv-b']],
    ] as const) {
      await insertSite(engine(), site);
      await insertAgent(engine(), site, agent);
      const bodies = { ca: 'Hola', es: 'Hola', en: 'Hello' };
      await cannedRepliesRepository(engine()).insert([
        {
          id: `reply-${site}`,
          siteId: site,
          ownerId: null,
          departmentId: null,
          title: 'Hi',
          shortcut: 'hi',
          productUrl: null,
          bodies,
          createdAt: AT,
          updatedAt: AT,
        },
      ]);
      for (const conversationId of conversations) {
        await insertConversation(engine(), site, conversationId);
        for (const seq of [1, 2])
          await uses.insert({ siteId: site, replyId: `reply-${site}`, conversationId, agentId: agent, seq, usedAt: AT + seq });
      }
    }
    const lines = visitorLinesRepository(engine());
    return { uses, source: new CannedUsesPersonalData(uses, lines) };
  }

  it('exports the uses in the subject’s conversations, and none of another shopper’s or site’s', async () => {
    const { source } = await usesOnTwoSites();
    const exported = await source.exportRows(scopeOf('site-a', ['visitor-conv-a1']));
    expect(exported.canned_reply_uses?.map((row) => [row.conversationId, row.seq])).toEqual([
      ['conv-a1', 1],
      ['conv-a1', 2],
    ]);
    expect(exported.canned_reply_uses?.[0]).toEqual({
      id: expect.any(Number),
      siteId: 'site-a',
      replyId: 'reply-site-a',
      conversationId: 'conv-a1',
      agentId: 'ana',
      seq: 1,
      usedAt: AT + 1,
    });
    expect(await source.exportRows(scopeOf('site-a', ['visitor-conv-b']))).toEqual({ canned_reply_uses: [] });
  });

  it('erases only the subject’s uses, only on its site, with the step’s transaction', async () => {
    const { uses, source } = await usesOnTwoSites();
    const committer = committerOn(engine());
    const left = async (site: string) => (await uses.recent(site, 10)).map((use) => use.conversationId).sort();
    // A foreign site's scope erases nothing.
    expect(await committer.run((tx) => source.eraseInTx(tx, scopeOf('site-b', ['visitor-conv-a1'])))).toBe(0);
    const failed = committer.run((tx) =>
      andThen(source.eraseInTx(tx, scopeOf('site-a', ['visitor-conv-a1'])), () => {
        throw new Error('refused');
      }),
    );
    await expect(failed).rejects.toThrow('refused');
    expect(await left('site-a')).toEqual(['conv-a1', 'conv-a1', 'conv-a2', 'conv-a2']);

    expect(await committer.run((tx) => source.eraseInTx(tx, scopeOf('site-a', ['visitor-conv-a1'])))).toBe(2);
    expect(await left('site-a')).toEqual(['conv-a2', 'conv-a2']);
    expect(await left('site-b')).toEqual(['conv-b', 'conv-b']);
  });
});
