import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/engines.ts';
import { agentSays, conversation, insertAll, twoShops, visitorSays } from './conversations.store-fixture.ts';
import type { ConversationRow } from './conversations.types.ts';

const ids = (rows: ConversationRow[]) => rows.map((r) => r.id);
const sorted = (rows: ConversationRow[]) => ids(rows).sort();

describeOnEngines('the conversations store, reads outside steps', (engine) => {
  it('lists a visitor’s ended conversations begun before a time, newest first, and never another site’s or visitor’s', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [
      conversation('old', 'site-a', 'va1', { status: 'closed', createdAt: 10 }),
      conversation('mid', 'site-a', 'va1', { status: 'closed', createdAt: 20 }),
      conversation('new', 'site-a', 'va1', { status: 'closed', createdAt: 30 }),
      conversation('now', 'site-a', 'va1', { createdAt: 40 }),
      conversation('theirs', 'site-a', 'va2', { status: 'closed', createdAt: 25 }),
      conversation('far', 'site-b', 'vb1', { status: 'closed', createdAt: 35 }),
    ]);
    expect(ids(await f.store.endedOfVisitor('site-a', 'va1', Number.MAX_SAFE_INTEGER, 10))).toEqual(['new', 'mid', 'old']);
    expect(ids(await f.store.endedOfVisitor('site-a', 'va1', 30, 1))).toEqual(['mid']);
    expect(await f.store.endedOfVisitor('site-b', 'va1', Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    expect(ids(await f.store.byVisitors('site-a', ['va1', 'va2'], 3))).toEqual(['now', 'new', 'theirs']);
    expect(ids(await f.store.byVisitors('site-a', ['va2', 'vb1'], 10))).toEqual(['theirs']);
    expect(await f.store.byVisitors('site-b', ['va1', 'va2'], 3)).toEqual([]);
    expect(await f.store.byVisitors('site-a', [], 3)).toEqual([]);
  });

  it('lists a site’s conversations by status, most recently updated first, and those an agent is in, as assignee or guest', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [
      conversation('a1', 'site-a', 'va1', { assigneeId: 'ann', updatedAt: 10 }),
      conversation('a2', 'site-a', 'va2', { updatedAt: 30 }),
      conversation('a3', 'site-a', 'va3', { assigneeId: 'ann', updatedAt: 20, status: 'closed' }),
      conversation('a4', 'site-a', 'va3', { assigneeId: 'bob', updatedAt: 40 }),
      conversation('b1', 'site-b', 'vb1', { updatedAt: 50 }),
    ]);
    await f.step((tx) => f.store.addGuestInTx(tx, 'site-a', 'a2', 'ann', 5));
    expect(ids(await f.store.listBySite('site-a', 'open', 10))).toEqual(['a4', 'a2', 'a1']);
    expect(ids(await f.store.listBySite('site-a', 'open', 2))).toEqual(['a4', 'a2']);
    expect(ids(await f.store.listBySite('site-a', 'closed', 10))).toEqual(['a3']);
    expect(ids(await f.store.listBySite('site-b', 'open', 10))).toEqual(['b1']);
    expect(ids(await f.store.involving('site-a', 'ann', 'open', 10))).toEqual(['a2', 'a1']);
    expect(ids(await f.store.involving('site-a', 'ann', 'open', 1))).toEqual(['a2']);
    expect(ids(await f.store.involving('site-a', 'ann', 'closed', 10))).toEqual(['a3']);
    expect(await f.store.involving('site-b', 'ann', 'open', 10)).toEqual([]);
    // On any site: the assignees and guests of open conversations (one who is both may come twice).
    const inChats = await f.store.agentsInOpenChats();
    expect([...new Set(inChats.map((r) => `${r.siteId}/${r.agentId}`))].sort()).toEqual(['site-a/ann', 'site-a/bob']);
    await f.step((tx) => f.store.claimInTx(tx, 'site-b', 'b1', 'cat'));
    await f.step((tx) => f.store.updateInTx(tx, 'site-a', 'a4', { status: 'closed' }));
    const later = await f.store.agentsInOpenChats();
    expect([...new Set(later.map((r) => `${r.siteId}/${r.agentId}`))].sort()).toEqual(['site-a/ann', 'site-b/cat']);
  });

  it('lists tickets (visitor gone, not snoozed) longest waiting first, and the queued live chats of every site', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [
      conversation('t1', 'site-a', 'va1', { visitorLeftAt: 5, awaitingReplySince: 30, updatedAt: 90, ticketSince: 5 }),
      conversation('t2', 'site-a', 'va2', { visitorLeftAt: 5, updatedAt: 20, hold: 'pending', assigneeId: 'ann', queuedAt: null }),
      conversation('t3', 'site-a', 'va3', { visitorLeftAt: 5, updatedAt: 10, hold: 'snoozed', snoozedUntil: 99 }),
      conversation('here', 'site-a', 'va3', { status: 'closed', visitorLeftAt: 5, updatedAt: 1 }),
      conversation('b1', 'site-b', 'vb1', { updatedAt: 1 }),
    ]);
    expect(ids(await f.store.tickets('site-a', 10))).toEqual(['t2', 't1']);
    expect(ids(await f.store.tickets('site-a', 1))).toEqual(['t2']);
    expect(await f.store.tickets('site-b', 10)).toEqual([]);
    // Queued and not a ticket: t3 (site a) and b1 (site b); t1 is a ticket, t2 is assigned.
    expect(sorted(await f.step((tx) => f.store.queuedChatsInTx(tx)))).toEqual(['b1', 't3']);
  });

  it('counts the missed chats of a period, ticketed or not, and the first reply waits of live chats since a time', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [
      conversation('m1', 'site-a', 'va1', { status: 'closed', missedAt: 100, createdAt: 50, firstResponseAt: 80 }),
      conversation('m2', 'site-a', 'va1', { status: 'closed', missedAt: 199, ticketSince: 150, createdAt: 60, firstResponseAt: 70 }),
      conversation('m3', 'site-a', 'va2', { status: 'closed', missedAt: 200, createdAt: 70, firstResponseAt: 100 }),
      conversation('m4', 'site-b', 'vb1', { status: 'closed', missedAt: 150, createdAt: 70, firstResponseAt: 90 }),
      conversation('o1', 'site-a', 'va2', { status: 'closed', origin: 'agent', createdAt: 70, firstResponseAt: 75 }),
      conversation('w1', 'site-a', 'va3', { createdAt: 55, firstResponseAt: 50 }),
      conversation('w2', 'site-a', 'va1', { createdAt: 56 }),
    ]);
    const missed = await f.store.missedBetween('site-a', 100, 200);
    expect(missed.sort((a, b) => a.missedAt - b.missedAt)).toEqual([
      { missedAt: 100, ticketed: false },
      { missedAt: 199, ticketed: true },
    ]);
    expect(await f.store.missedBetween('site-b', 0, 100)).toEqual([]);
    // Since 50 (exclusive): m3 (30), w1 (answered before it began: 0); not m1 (begun at 50), m2 (a ticket), o1 (an agent's), w2 (unanswered).
    expect((await f.store.firstReplyWaits('site-a', 50)).sort((a, b) => a - b)).toEqual([0, 30]);
    expect(await f.store.firstReplyWaits('site-b', 100)).toEqual([]);
  });

  it('finds the conversations whose last message is an agent’s since a time, on every site', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [conversation('a1', 'site-a', 'va1'), conversation('a2', 'site-a', 'va2'), conversation('b1', 'site-b', 'vb1')]);
    await f.step((tx) => f.store.appendAgentMessageInTx(tx, 'site-a', 'a1', agentSays('ann', 'hi', 100)));
    await f.step((tx) => f.store.appendAgentMessageInTx(tx, 'site-a', 'a2', agentSays('bob', 'hi', 50)));
    await f.step((tx) => f.store.appendAgentMessageInTx(tx, 'site-b', 'b1', agentSays('cat', 'hi', 120)));
    await f.step((tx) => f.store.appendVisitorMessageInTx(tx, 'site-b', 'vb1', visitorSays('vb1', 'ok', 130)));
    expect(sorted(await f.store.agentRepliedSince(100))).toEqual(['a1']);
    expect(sorted(await f.store.agentRepliedSince(0))).toEqual(['a1', 'a2']);
  });
});
