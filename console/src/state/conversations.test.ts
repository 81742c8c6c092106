import { describe, expect, it } from 'vitest';
import { conversationsWithStatus, replaceConversations, upsertConversation } from './conversations.ts';
import { summary } from './testFixtures.ts';

describe('conversationsWithStatus', () => {
  it('lists one status, newest activity first', () => {
    const byId = {
      conv_old: summary({ id: 'conv_old', updatedAt: 100 }),
      conv_new: summary({ id: 'conv_new', updatedAt: 300 }),
      conv_mid: summary({ id: 'conv_mid', updatedAt: 200 }),
      conv_done: summary({ id: 'conv_done', updatedAt: 999, status: 'closed' }),
    };
    expect(conversationsWithStatus(byId, 'open').map((c) => c.id)).toEqual(['conv_new', 'conv_mid', 'conv_old']);
    expect(conversationsWithStatus(byId, 'closed').map((c) => c.id)).toEqual(['conv_done']);
  });

  it('re-sorts when a conversation gets new activity', () => {
    let byId = upsertConversation({}, summary({ id: 'conv_a', updatedAt: 100, lastSeq: 1 }));
    byId = upsertConversation(byId, summary({ id: 'conv_b', updatedAt: 200, lastSeq: 1 }));
    expect(conversationsWithStatus(byId, 'open').map((c) => c.id)).toEqual(['conv_b', 'conv_a']);
    byId = upsertConversation(byId, summary({ id: 'conv_a', updatedAt: 300, lastSeq: 2 }));
    expect(conversationsWithStatus(byId, 'open').map((c) => c.id)).toEqual(['conv_a', 'conv_b']);
  });
});

describe('upsertConversation', () => {
  it('does not let an older summary replace a newer one', () => {
    const newer = summary({ id: 'conv_a', lastSeq: 5, updatedAt: 500 });
    const byId = upsertConversation({ conv_a: newer }, summary({ id: 'conv_a', lastSeq: 4, updatedAt: 400 }));
    expect(byId.conv_a).toBe(newer);
  });
});

describe('replaceConversations', () => {
  it('drops what the lists no longer hold unless it is still in use', () => {
    const held = {
      conv_gone: summary({ id: 'conv_gone' }),
      conv_shown: summary({ id: 'conv_shown' }),
      conv_fresh: summary({ id: 'conv_fresh', lastSeq: 9 }),
    };
    const next = replaceConversations(
      held,
      [summary({ id: 'conv_fresh', lastSeq: 7 }), summary({ id: 'conv_listed' })],
      (id) => id === 'conv_shown',
    );
    expect(Object.keys(next).sort()).toEqual(['conv_fresh', 'conv_listed', 'conv_shown']);
    expect(next.conv_fresh?.lastSeq).toBe(9);
  });
});
