import type { VisitorConversation, VisitorEvent } from '@mostrador/shared';
import { describe, expect, it } from 'vitest';
import { FakeTransport, flush } from '../transport/fakeTransport.ts';
import { mergeEvents } from './conversationLog.ts';
import { createHistorySync } from './historySync.ts';
import { CONVERSATION_ID, conversation, message, seqs } from './testEvents.ts';

/** A sync over a fake transport, holding a log the way ChatSession does (merged by seq). */
function setup(held: VisitorEvent[] = []) {
  const transport = new FakeTransport();
  const state = {
    conversationId: CONVERSATION_ID as string | null,
    events: held as readonly VisitorEvent[],
    applied: [] as { seqs: number[]; conversation: VisitorConversation }[],
  };
  const sync = createHistorySync({
    transport,
    conversationId: () => state.conversationId,
    events: () => state.events,
    apply: (events, conv) => {
      state.applied.push({ seqs: seqs(events), conversation: conv });
      state.events = mergeEvents(state.events, events).events;
    },
  });
  return { transport, state, sync };
}

const page = (events: VisitorEvent[], hasMore: boolean, lastSeq = 10) => ({
  ok: true as const,
  data: { conversation: conversation({ lastSeq }), events, hasMore },
});

describe('history sync', () => {
  it('asks nothing when there is no conversation to sync', async () => {
    const { transport, state, sync } = setup();
    state.conversationId = null;
    await sync();
    expect(transport.requests).toEqual([]);
  });

  it('asks for the log after the last contiguous seq held, not the highest one', async () => {
    const { transport, sync } = setup([message(1), message(2), message(4)]);
    const done = sync();
    expect(transport.take('conversation:sync').payload).toEqual({ conversationId: CONVERSATION_ID, afterSeq: 2 });
    transport.take('conversation:sync').reply(page([], false));
    await done;
  });

  it('applies each page with its conversation, and loads the next page while the server has more', async () => {
    const { transport, state, sync } = setup();
    const done = sync();
    transport.take('conversation:sync').reply(page([message(1), message(2)], true, 3));
    await flush();
    expect(transport.take('conversation:sync').payload.afterSeq).toBe(2);
    transport.take('conversation:sync').reply(page([message(3)], false, 3));
    await done;
    expect(state.applied.map((a) => a.seqs)).toEqual([[1, 2], [3]]);
    expect(state.applied[0]?.conversation).toEqual(conversation({ lastSeq: 3 }));
    expect(transport.requests).toEqual([]);
  });

  it('stops at the last page', async () => {
    const { transport, state, sync } = setup();
    const done = sync();
    transport.take('conversation:sync').reply(page([message(1)], false));
    await done;
    expect(transport.requests).toEqual([]);
    expect(seqs(state.events)).toEqual([1]);
  });

  it('stops when the server claims more but the page brought nothing new, instead of spinning', async () => {
    const { transport, state, sync } = setup([message(1)]);
    const done = sync();
    transport.take('conversation:sync').reply(page([message(1)], true));
    await done;
    expect(transport.requests).toEqual([]);
    expect(state.applied).toHaveLength(1);
  });

  it('stops when a page fills nothing contiguous, even if it holds later events', async () => {
    const { transport, state, sync } = setup([message(1)]);
    const done = sync();
    transport.take('conversation:sync').reply(page([message(3)], true));
    await done;
    expect(transport.requests).toEqual([]);
    expect(seqs(state.events)).toEqual([1, 3]);
  });

  it('gives up quietly on a timeout or a refusal, applying nothing', async () => {
    const { transport, state, sync } = setup();
    let done = sync();
    transport.take('conversation:sync').timeOut();
    await done;
    done = sync();
    transport.take('conversation:sync').reply({ ok: false, error: { code: 'not_found', message: 'gone' } });
    await done;
    expect(transport.requests).toEqual([]);
    expect(state.applied).toEqual([]);
  });

  it('drops a page that arrives after the conversation changed', async () => {
    const { transport, state, sync } = setup();
    const done = sync();
    const request = transport.take('conversation:sync');
    state.conversationId = 'cnv_other';
    request.reply(page([message(1)], true));
    await done;
    expect(state.applied).toEqual([]);
    expect(transport.requests).toEqual([]);
  });

  it('drops a page that arrives after the connection went (no conversation to sync any more)', async () => {
    const { transport, state, sync } = setup();
    const done = sync();
    const request = transport.take('conversation:sync');
    state.conversationId = null;
    request.reply(page([message(1)], false));
    await done;
    expect(state.applied).toEqual([]);
  });

  it('runs one sync at a time, and once more after it when asked meanwhile', async () => {
    const { transport, state, sync } = setup();
    const first = sync();
    const second = sync();
    const third = sync();
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(transport.pending('conversation:sync')).toHaveLength(1);
    // A gap was seen while the first page travelled: the sync runs again from what is held then.
    transport.take('conversation:sync').reply(page([message(1)], false));
    await flush();
    const again = transport.take('conversation:sync');
    expect(again.payload.afterSeq).toBe(1);
    again.reply(page([message(2)], false));
    await first;
    // Asked three times during one run: it ran once more, not twice.
    expect(transport.requests).toEqual([]);
    expect(state.applied.map((a) => a.seqs)).toEqual([[1], [2]]);
  });

  it('starts afresh when asked after the previous sync ended', async () => {
    const { transport, sync } = setup();
    const first = sync();
    transport.take('conversation:sync').reply(page([message(1)], false));
    await first;
    const second = sync();
    expect(second).not.toBe(first);
    expect(transport.take('conversation:sync').payload.afterSeq).toBe(1);
    transport.take('conversation:sync').reply(page([], false));
    await second;
  });
});
