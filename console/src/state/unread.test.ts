import { describe, expect, it } from 'vitest';
import { countUnread, unreadOf } from './unread.ts';
import { agentMessage, statusEvent, summary, visitorMessage } from './testFixtures.ts';

describe('countUnread', () => {
  const log = [
    visitorMessage('conv_a', 1),
    agentMessage('conv_a', 2),
    visitorMessage('conv_a', 3),
    statusEvent('conv_a', 4, 'closed'),
    visitorMessage('conv_a', 5),
  ];

  it('counts every visitor message when the agent has never viewed the conversation', () => {
    expect(countUnread(log, 0)).toBe(3);
  });

  it('counts only visitor messages after the last viewed seq, ignoring agent and status events', () => {
    expect(countUnread(log, 2)).toBe(2);
    expect(countUnread(log, 3)).toBe(1);
    expect(countUnread(log, 5)).toBe(0);
  });
});

describe('unreadOf', () => {
  const lastFromVisitor = { body: 'hola', authorKind: 'visitor' as const, createdAt: 1_000 };

  it('counts from the held log when there is one', () => {
    const log = [visitorMessage('a', 1), visitorMessage('a', 2), visitorMessage('a', 3)];
    expect(unreadOf(summary({ id: 'a', lastSeq: 3, lastMessage: lastFromVisitor }), log, 1)).toBe(2);
  });

  it('without a log, counts an unseen visitor message at the end of the summary as one', () => {
    expect(unreadOf(summary({ id: 'a', lastSeq: 7, lastMessage: lastFromVisitor }), undefined, 2)).toBe(1);
  });

  it('without a log, counts nothing the agent has seen or that the visitor did not write', () => {
    expect(unreadOf(summary({ id: 'a', lastSeq: 7, lastMessage: lastFromVisitor }), undefined, 7)).toBe(0);
    const answered = summary({ id: 'a', lastSeq: 7, lastMessage: { ...lastFromVisitor, authorKind: 'agent' } });
    expect(unreadOf(answered, undefined, 2)).toBe(0);
    expect(unreadOf(undefined, undefined, 0)).toBe(0);
  });
});
