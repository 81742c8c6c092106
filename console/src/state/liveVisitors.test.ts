import { describe, expect, it } from 'vitest';
import { applyVisitorsChanged, DEFAULT_VISITOR_SORT, nextSort, sortVisitors, visitorsById } from './liveVisitors.ts';
import { startChatFailure } from './startChat.ts';
import { liveVisitor } from './visitorFixtures.ts';

const cart = (total: number) => ({ total, currency: 'EUR', items: 1 });

describe('live visitor list', () => {
  it('upserts updated visitors and removes those who left', () => {
    const held = visitorsById([liveVisitor({ id: 'vis_a' }), liveVisitor({ id: 'vis_b' })]);
    const next = applyVisitorsChanged(held, {
      updated: [liveVisitor({ id: 'vis_b', pagesViewed: 5 }), liveVisitor({ id: 'vis_c' })],
      left: ['vis_a', 'vis_unknown'],
    });
    expect(Object.keys(next).sort()).toEqual(['vis_b', 'vis_c']);
    expect(next.vis_b?.pagesViewed).toBe(5);
    expect(applyVisitorsChanged(held, { updated: [], left: [] })).toBe(held);
  });

  it('sorts by cart value, highest first by default, visitors without a cart last', () => {
    const visitors = visitorsById([
      liveVisitor({ id: 'vis_none', visitStartedAt: 1 }),
      liveVisitor({ id: 'vis_big', cart: cart(120), visitStartedAt: 3 }),
      liveVisitor({ id: 'vis_small', cart: cart(15.5), visitStartedAt: 2 }),
    ]);
    const ids = (sort = DEFAULT_VISITOR_SORT) => sortVisitors(visitors, sort).map((visitor) => visitor.id);
    expect(ids()).toEqual(['vis_big', 'vis_small', 'vis_none']);
    expect(ids(nextSort(DEFAULT_VISITOR_SORT, 'cart'))).toEqual(['vis_none', 'vis_small', 'vis_big']);
    // Longest on the site first: the earliest start.
    expect(ids(nextSort(DEFAULT_VISITOR_SORT, 'timeOnSite'))).toEqual(['vis_none', 'vis_small', 'vis_big']);
  });
});

describe('startChatFailure', () => {
  it('reads the reason the server names, in the code or the message', () => {
    expect(startChatFailure({ code: 'conflict', message: 'already_chatting' })).toBe('already_chatting');
    expect(startChatFailure({ code: 'not_found', message: ' visitor_offline ' })).toBe('visitor_offline');
    expect(startChatFailure({ code: 'internal', message: 'Boom' })).toBe('failed');
    expect(startChatFailure({ code: 'timeout', message: 'No answer' })).toBe('disconnected');
  });
});
