import type { ConversationEvent } from '@mostrador/shared';
import { describe, expect, it } from 'vitest';
import { lastSeqOf, mergeEvents } from './log.ts';

function message(seq: number, body = `message ${seq}`): ConversationEvent {
  return {
    type: 'message',
    conversationId: 'conv_a',
    seq,
    author: { kind: 'visitor', id: 'vis_a', name: 'Visitor' },
    createdAt: 1_000 + seq,
    clientId: `client-${seq}-abcdef`,
    body,
  };
}

const seqs = (log: readonly ConversationEvent[]) => log.map((event) => event.seq);

describe('mergeEvents', () => {
  it('appends the next seqs in order, even when they arrive out of order', () => {
    const result = mergeEvents([message(1)], [message(3), message(2)]);
    expect(seqs(result.log)).toEqual([1, 2, 3]);
    expect(seqs(result.added)).toEqual([2, 3]);
    expect(result.resyncAfterSeq).toBeNull();
  });

  it('ignores seqs already held', () => {
    const log = [message(1), message(2)];
    const result = mergeEvents(log, [message(2, 'a repeat'), message(1)]);
    expect(result.log).toBe(log);
    expect(result.added).toEqual([]);
    expect(result.log[1]?.type === 'message' && result.log[1].body).toBe('message 2');
  });

  it('reports a gap with the last held seq and keeps nothing past it', () => {
    const result = mergeEvents([message(1), message(2)], [message(3), message(5), message(6)]);
    expect(seqs(result.log)).toEqual([1, 2, 3]);
    expect(result.resyncAfterSeq).toBe(3);
  });

  it('asks for a full sync when the first event seen is not seq 1', () => {
    const result = mergeEvents([], [message(4)]);
    expect(result.log).toEqual([]);
    expect(result.resyncAfterSeq).toBe(0);
  });

  it('starts a log from seq 1', () => {
    expect(seqs(mergeEvents([], [message(1)]).log)).toEqual([1]);
  });
});

describe('lastSeqOf', () => {
  it('is 0 for an empty log', () => {
    expect(lastSeqOf([])).toBe(0);
    expect(lastSeqOf([message(1), message(2)])).toBe(2);
  });
});
