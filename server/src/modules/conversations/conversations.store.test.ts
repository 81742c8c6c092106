import { andThen } from '../../db/committer.ts';
import type { ProductCard } from '@mostrador/shared';
import { expect, it } from 'vitest';
import { inOrder } from '../../db/committer.ts';
import { describeOnEngines } from '../../testing/engines.ts';
import { agentSays, conversation, insertAll, note, twoShops, visitorSays } from './conversations.store-fixture.ts';
import type { NewEvent } from './conversations.types.ts';

const statusEvent = (at: number): NewEvent => ({
  type: 'status',
  authorKind: 'system',
  authorId: null,
  authorName: null,
  clientId: null,
  body: null,
  status: 'closed',
  data: null,
  createdAt: at,
  visible: true,
});

describeOnEngines('the conversations store, in steps', (engine) => {
  it('refuses a second open conversation for a visitor, keeps many closed ones, and finds the open one only on its site', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [conversation('c1', 'site-a', 'va1')]);
    await expect(f.step((tx) => f.store.insertInTx(tx, conversation('c2', 'site-a', 'va1')))).rejects.toThrow();
    await insertAll(f, [
      conversation('c3', 'site-a', 'va1', { status: 'closed', queuedAt: null }),
      conversation('c4', 'site-a', 'va1', { status: 'closed', queuedAt: null }),
    ]);
    expect((await f.store.openForVisitor('site-a', 'va1'))?.id).toBe('c1');
    expect((await f.step((tx) => f.store.openForVisitorInTx(tx, 'site-a', 'va1')))?.id).toBe('c1');
    expect(await f.store.byId('site-a', 'c1')).toEqual(conversation('c1', 'site-a', 'va1'));
    expect(await f.step((tx) => f.store.byIdInTx(tx, 'site-a', 'c3'))).toEqual(
      conversation('c3', 'site-a', 'va1', { status: 'closed', queuedAt: null }),
    );
    expect(await f.store.byId('site-a', 'c2')).toBeUndefined();
    // Another site's id answers like a missing one.
    expect(await f.store.byId('site-b', 'c1')).toBeUndefined();
    expect(await f.step((tx) => f.store.byIdInTx(tx, 'site-b', 'c1'))).toBeUndefined();
    expect(await f.store.openForVisitor('site-b', 'va1')).toBeUndefined();
    expect(await f.step((tx) => f.store.openForVisitorInTx(tx, 'site-b', 'va1'))).toBeUndefined();
    expect(await f.store.siteOf('c1')).toBe('site-a');
    expect(await f.store.siteOf('c9')).toBeUndefined();
  });

  it('numbers events 1, 2, 3…, skips notes in the visitor log, and keeps the summary columns in step', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [conversation('c1', 'site-a', 'va1', { tags: ['vip'] })]);
    // One step: synchronous in SQLite's group commit, each call awaited before the next on PostgreSQL's client.
    const stored = await f.step((tx) =>
      inOrder(
        tx,
        [
          () => f.store.appendVisitorMessageInTx(tx, 'site-a', 'va1', visitorSays('va1', 'hola', 10)),
          () => f.store.appendInTx(tx, 'site-a', 'c1', note('ann', 'VIP customer', 20)),
          () => f.store.appendAgentMessageInTx(tx, 'site-a', 'c1', agentSays('ann', 'hi', 30, { noEmail: true })),
          () => f.store.appendInTx(tx, 'site-a', 'c1', statusEvent(40), { status: 'closed', closedAt: 40 }),
        ],
        (call) => call(),
      ),
    );
    expect(stored.map((s) => [s?.event.seq, s?.event.visitorSeq])).toEqual([
      [1, 1],
      [2, null],
      [3, 2],
      [4, 3],
    ]);
    const events = await f.store.eventsAfter('site-a', 'c1', 0, 10);
    expect(events).toEqual(stored.map((s) => s?.event));
    expect(events[0]).toEqual({
      conversationId: 'c1',
      seq: 1,
      visitorSeq: 1,
      type: 'message',
      authorKind: 'visitor',
      authorId: 'va1',
      authorName: null,
      clientId: 'va1-10',
      body: 'hola',
      status: null,
      data: null,
      createdAt: 10,
    });
    expect(events[2]?.data).toEqual({ noEmail: true });
    expect((await f.store.eventsAfter('site-a', 'c1', 1, 2)).map((e) => e.seq)).toEqual([2, 3]);
    expect((await f.store.visitorEventsAfter('site-a', 'c1', 0, 10)).map((e) => e.visitorSeq)).toEqual([1, 2, 3]);
    expect((await f.store.visitorEventsAfter('site-a', 'c1', 1, 1)).map((e) => e.body)).toEqual(['hi']);
    const row = await f.store.byId('site-a', 'c1');
    expect(row).toEqual(stored[3]?.conversation);
    expect(row).toMatchObject({
      lastSeq: 4,
      lastVisitorSeq: 3,
      status: 'closed',
      closedAt: 40,
      tags: ['vip'],
      lastMessageBody: 'hi',
      lastMessageAuthor: 'agent',
      lastMessageAt: 30,
      updatedAt: 40,
    });
    expect(await f.store.eventsAfter('site-b', 'c1', 0, 10)).toEqual([]);
    expect(await f.store.visitorEventsAfter('site-b', 'c1', 0, 10)).toEqual([]);
  });

  it('starts the wait for a reply with a visitor message, keeps its start, and ends it with an agent answer, the first one counted once', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [conversation('c1', 'site-a', 'va1')]);
    const visitor = (at: number) => f.step((tx) => f.store.appendVisitorMessageInTx(tx, 'site-a', 'va1', visitorSays('va1', 'hola', at)));
    const agent = (at: number) => f.step((tx) => f.store.appendAgentMessageInTx(tx, 'site-a', 'c1', agentSays('ann', 'hi', at)));
    expect((await visitor(100))?.conversation).toMatchObject({ awaitingReplySince: 100, firstResponseAt: null, lastSeq: 1 });
    expect((await visitor(200))?.conversation).toMatchObject({ awaitingReplySince: 100, lastSeq: 2 });
    expect((await agent(300)).conversation).toMatchObject({ awaitingReplySince: null, firstResponseAt: 300, lastSeq: 3 });
    expect((await visitor(400))?.conversation.awaitingReplySince).toBe(400);
    expect((await agent(500)).conversation).toMatchObject({ awaitingReplySince: null, firstResponseAt: 300, lastVisitorSeq: 5 });
    // A visitor with no open conversation has nowhere to write.
    expect(await f.step((tx) => f.store.appendVisitorMessageInTx(tx, 'site-a', 'va2', visitorSays('va2', 'x', 1)))).toBeUndefined();
  });

  it('finds a resent message by its author and client id, refuses the same twice, and keeps what a message carries', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [conversation('c1', 'site-a', 'va1')]);
    const product: ProductCard = { name: 'Mug', url: 'https://shop.example/mug', price: null, currency: null, image: null, sku: 'MUG-1' };
    const sent = await f.step((tx) => f.store.appendAgentMessageInTx(tx, 'site-a', 'c1', agentSays('ann', 'look', 10, { product })));
    expect(sent.event.data).toEqual({ product });
    expect(await f.step((tx) => f.store.eventByAuthorClientIdInTx(tx, 'site-a', 'ann', 'ann-10'))).toEqual(sent.event);
    expect(await f.step((tx) => f.store.eventByAuthorClientIdInTx(tx, 'site-b', 'ann', 'ann-10'))).toBeUndefined();
    expect(await f.step((tx) => f.store.eventByAuthorClientIdInTx(tx, 'site-a', 'ann', 'ann-11'))).toBeUndefined();
    await expect(f.step((tx) => f.store.appendAgentMessageInTx(tx, 'site-a', 'c1', agentSays('ann', 'again', 10)))).rejects.toThrow();
    // The refused step rolled back whole: no seq was spent.
    expect((await f.store.byId('site-a', 'c1'))?.lastSeq).toBe(1);
  });

  it('claims a queued conversation once, and never a closed one or another site’s', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [
      conversation('c1', 'site-a', 'va1', { queuePriority: 2, queuedAt: 5 }),
      conversation('c2', 'site-a', 'va2', { status: 'closed', queuedAt: null }),
    ]);
    const claim = (siteId: string, id: string, agentId: string) => f.step((tx) => f.store.claimInTx(tx, siteId, id, agentId));
    expect(await claim('site-b', 'c1', 'cat')).toBeUndefined();
    expect(await claim('site-a', 'c1', 'ann')).toEqual(
      conversation('c1', 'site-a', 'va1', { assigneeId: 'ann', queuedAt: null, queuePriority: 0 }),
    );
    expect(await claim('site-a', 'c1', 'bob')).toBeUndefined();
    expect(await claim('site-a', 'c2', 'bob')).toBeUndefined();
    expect(await f.store.byId('site-a', 'c1')).toMatchObject({ assigneeId: 'ann', queuedAt: null });
  });

  it('adds and removes guests once, keeps them on the row in the order they joined, and never on another site', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [conversation('c1', 'site-a', 'va1'), conversation('c2', 'site-a', 'va2', { status: 'closed' })]);
    const add = (siteId: string, id: string, agentId: string, at: number) =>
      f.step((tx) => f.store.addGuestInTx(tx, siteId, id, agentId, at));
    const remove = (siteId: string, id: string, agentId: string) => f.step((tx) => f.store.removeGuestInTx(tx, siteId, id, agentId));
    const guests = async (siteId: string, id: string) => (await f.store.byId(siteId, id))?.guestIds;
    const guestsInStep = (siteId: string, id: string) => f.step((tx) => andThen(f.store.byIdInTx(tx, siteId, id), (row) => row?.guestIds));
    expect(await guests('site-a', 'c1')).toEqual([]);
    await add('site-a', 'c1', 'bob', 20);
    await add('site-a', 'c1', 'ann', 10);
    await add('site-a', 'c1', 'bob', 30);
    await add('site-a', 'c2', 'bob', 5);
    expect(await guests('site-a', 'c1')).toEqual(['ann', 'bob']);
    expect(await guests('site-a', 'c2')).toEqual(['bob']);
    expect((await f.step((tx) => f.store.openAsGuestInTx(tx, 'site-a', 'bob'))).map((c) => c.id)).toEqual(['c1']);
    expect(await f.step((tx) => f.store.openAsGuestInTx(tx, 'site-b', 'bob'))).toEqual([]);
    // Another site's id: nothing added, nothing removed, nothing read.
    await add('site-b', 'c1', 'cat', 40);
    await remove('site-b', 'c1', 'ann');
    expect(await guests('site-b', 'c1')).toBeUndefined();
    expect(await guests('site-a', 'c1')).toEqual(['ann', 'bob']);
    await remove('site-a', 'c1', 'ann');
    await remove('site-a', 'c1', 'ann');
    expect(await guests('site-a', 'c1')).toEqual(['bob']);
    expect(await guestsInStep('site-a', 'c1')).toEqual(['bob']);
    expect(await f.step((tx) => f.store.openAsGuestInTx(tx, 'site-a', 'ann'))).toEqual([]);
  });

  it('weighs loads by ticket, serves the queue by priority, then wait, then id, and lists an agent’s open chats', async () => {
    const f = await twoShops(engine(), 0.5);
    await insertAll(f, [
      conversation('c1', 'site-a', 'va1', { assigneeId: 'ann', queuedAt: null }),
      conversation('c2', 'site-a', 'va2', { assigneeId: 'ann', queuedAt: null, ticketSince: 7 }),
      conversation('c3', 'site-a', 'va3', { assigneeId: 'bob', queuedAt: null, status: 'closed' }),
      conversation('q3', 'site-a', 'va3', { queuedAt: 10 }),
      conversation('q2', 'site-a', 'va2', { queuedAt: 30, status: 'closed' }),
      conversation('q1', 'site-b', 'vb1', { queuedAt: 5 }),
    ]);
    expect([...(await f.store.loads('site-a'))]).toEqual([['ann', 1.5]]);
    expect([...(await f.step((tx) => f.store.loadsInTx(tx, 'site-a')))]).toEqual([['ann', 1.5]]);
    expect([...(await f.store.loads('site-b'))]).toEqual([]);
    const c2 = await f.store.byId('site-a', 'c2');
    expect(c2 && f.store.weightOf(c2)).toBe(0.5);
    expect(f.store.weightOf(conversation('x', 'site-a', 'va1'))).toBe(1);
    expect((await f.step((tx) => f.store.openAssignedToInTx(tx, 'site-a', 'ann'))).map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    expect(await f.step((tx) => f.store.openAssignedToInTx(tx, 'site-b', 'ann'))).toEqual([]);

    // The queue: priority first (higher sooner), then the longest waiting, then the id.
    await f.step((tx) => f.store.updateInTx(tx, 'site-a', 'c2', { assigneeId: null, queuedAt: 10 }));
    await f.step((tx) => f.store.updateInTx(tx, 'site-a', 'c1', { assigneeId: null, queuedAt: 20, queuePriority: 1 }));
    const queue = ['c1', 'c2', 'q3'];
    expect((await f.store.queue('site-a')).map((c) => c.id)).toEqual(queue);
    expect((await f.step((tx) => f.store.queueInTx(tx, 'site-a'))).map((c) => c.id)).toEqual(queue);
    expect((await f.store.queue('site-b')).map((c) => c.id)).toEqual(['q1']);
  });

  it('moves read receipts forward only, each translated into the numbering of the side that reads it', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [conversation('c1', 'site-a', 'va1')]);
    await f.step((tx) =>
      inOrder(
        tx,
        [
          () => f.store.appendVisitorMessageInTx(tx, 'site-a', 'va1', visitorSays('va1', 'one', 1)), // seq 1, visitor 1
          () => f.store.appendAgentMessageInTx(tx, 'site-a', 'c1', agentSays('ann', 'two', 2)), // seq 2, visitor 2
          () => f.store.appendInTx(tx, 'site-a', 'c1', note('ann', 'three', 3)), // seq 3, the agents' only
          () => f.store.appendAgentMessageInTx(tx, 'site-a', 'c1', agentSays('ann', 'four', 4)), // seq 4, visitor 3
        ],
        (call) => call(),
      ),
    );
    const visitorRead = (visitorSeq: number, siteId = 'site-a', visitorId = 'va1') =>
      f.step((tx) => f.store.markVisitorReadInTx(tx, siteId, visitorId, 'c1', visitorSeq));
    const agentRead = (seq: number, siteId = 'site-a') => f.step((tx) => f.store.markAgentReadInTx(tx, siteId, 'c1', seq));
    // The visitor's mark is stored as the agents' seq of the entry it names.
    expect((await visitorRead(2))?.visitorReadSeq).toBe(2);
    expect(await visitorRead(1)).toBeUndefined();
    expect(await visitorRead(2)).toBeUndefined();
    expect(await visitorRead(3, 'site-b')).toBeUndefined();
    expect(await visitorRead(3, 'site-a', 'va2')).toBeUndefined();
    expect((await visitorRead(3))?.visitorReadSeq).toBe(4);
    expect(await visitorRead(99)).toBeUndefined();
    // The agents' mark is stored as the visitor seq of the last entry the visitor has at or before it.
    expect((await agentRead(3))?.agentReadSeq).toBe(2);
    expect(await agentRead(2)).toBeUndefined();
    expect(await agentRead(4, 'site-b')).toBeUndefined();
    expect((await agentRead(4))?.agentReadSeq).toBe(3);
    expect(await f.store.byId('site-a', 'c1')).toMatchObject({ visitorReadSeq: 4, agentReadSeq: 3 });
  });

  it('updates only the site’s conversation, wakes due snoozes soonest first, and marks open chats’ visitors gone', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [
      conversation('c1', 'site-a', 'va1', { hold: 'snoozed', snoozedUntil: 50 }),
      conversation('c2', 'site-a', 'va2', { hold: 'snoozed', snoozedUntil: 20 }),
      conversation('c3', 'site-b', 'vb1', { hold: 'snoozed', snoozedUntil: 30, visitorLeftAt: 5 }),
      conversation('c4', 'site-a', 'va3', { hold: 'snoozed', snoozedUntil: 10, status: 'closed' }),
      conversation('c5', 'site-a', 'va3', { hold: 'snoozed', snoozedUntil: 90 }),
    ]);
    expect((await f.step((tx) => f.store.dueSnoozesInTx(tx, 50, 10))).map((c) => c.id)).toEqual(['c2', 'c3', 'c1']);
    expect((await f.step((tx) => f.store.dueSnoozesInTx(tx, 50, 2))).map((c) => c.id)).toEqual(['c2', 'c3']);
    await expect(f.step((tx) => f.store.updateInTx(tx, 'site-b', 'c1', { hold: null }))).rejects.toThrow(/vanished/);
    expect(await f.step((tx) => f.store.updateInTx(tx, 'site-a', 'c1', { hold: null, snoozedUntil: null }))).toEqual(
      conversation('c1', 'site-a', 'va1'),
    );
    await f.step((tx) => f.store.markVisitorsGoneInTx(tx, 77));
    const left = async (siteId: string, id: string) => (await f.store.byId(siteId, id))?.visitorLeftAt;
    expect([await left('site-a', 'c1'), await left('site-a', 'c2'), await left('site-b', 'c3'), await left('site-a', 'c4')]).toEqual([
      77,
      77,
      5,
      null,
    ]);
  });

  it('writes nothing through another site’s id: messages, events and updates find no conversation', async () => {
    const f = await twoShops(engine());
    await insertAll(f, [conversation('c1', 'site-a', 'va1')]);
    expect(await f.step((tx) => f.store.appendVisitorMessageInTx(tx, 'site-b', 'va1', visitorSays('va1', 'x', 5)))).toBeUndefined();
    await expect(f.step((tx) => f.store.appendAgentMessageInTx(tx, 'site-b', 'c1', agentSays('cat', 'x', 5)))).rejects.toThrow(/vanished/);
    await expect(f.step((tx) => f.store.appendInTx(tx, 'site-b', 'c1', note('cat', 'x', 5)))).rejects.toThrow(/vanished/);
    expect(await f.store.byId('site-a', 'c1')).toEqual(conversation('c1', 'site-a', 'va1'));
    expect(await f.store.eventsAfter('site-a', 'c1', 0, 10)).toEqual([]);
  });
});
