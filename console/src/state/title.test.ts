import { describe, expect, it } from 'vitest';
import { summary, visitorMessage } from './testFixtures.ts';
import { titleWithUnread, totalUnread } from './title.ts';

describe('title', () => {
  it('prefixes the unread total', () => {
    expect(titleWithUnread('Mostrador', 3)).toBe('(3) Mostrador');
    expect(titleWithUnread('Mostrador', 0)).toBe('Mostrador');
  });

  it('adds up unread visitor messages of every conversation held', () => {
    const state = {
      conversations: { a: summary({ id: 'a' }), b: summary({ id: 'b' }) },
      logs: { a: [visitorMessage('a', 1), visitorMessage('a', 2)], b: [visitorMessage('b', 1)], gone: [visitorMessage('gone', 1)] },
      viewedSeq: { a: 1 },
    };
    expect(totalUnread(state)).toBe(2);
  });
});
