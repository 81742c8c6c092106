import { describe, expect, it } from 'vitest';
import { rankSuggestions, similarity, termsOf, type SuggestCandidate } from './canned-suggest.ts';

const replies: SuggestCandidate[] = [
  { id: 'r1', shortcut: 'ship', text: 'Shipping times ship Orders ship in 2 days' },
  { id: 'r2', shortcut: 'ret', text: 'Returns ret You can return any order within 30 days' },
  { id: 'r3', shortcut: 'size', text: 'Sizes size Our sizes run small' },
  { id: 'r4', shortcut: 'hi', text: 'Hello hi Hello, how can I help?' },
];

describe('termsOf', () => {
  it('folds accents and case as the search index does, and drops one-letter words', () => {
    expect([...termsOf('Devolució, ¿PUEDO a la tienda?')]).toEqual(['devolucio', 'puedo', 'la', 'tienda']);
  });
});

describe('similarity', () => {
  it('is shared words over all words, and 0 when a side is empty', () => {
    expect(similarity(new Set(['a1', 'b2', 'c3']), new Set(['b2', 'c3', 'd4']))).toBe(2 / 4);
    expect(similarity(new Set(), new Set(['x1']))).toBe(0);
  });
});

describe('rankSuggestions', () => {
  it('ranks by text match, a rare word counting more than a common one', () => {
    // "days": r1 and r2 (idf ln 3 ≈ 1.099); "return": r2 only (ln 5 ≈ 1.609); "order": r2 only ("orders" in r1 is
    // another word) (ln 5). r2 = 1.099 + 1.609 + 1.609 = 4.318; r1 = 1.099; r3 and r4 match nothing and are left out.
    const ranked = rankSuggestions('Could I return my order after 10 days?', replies, []);
    expect(ranked.map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(ranked[0]!.score).toBeCloseTo(Math.log(3) + 2 * Math.log(5), 10);
    expect(ranked[1]!.score).toBeCloseTo(Math.log(3), 10);
  });

  it('adds how often a reply answered similar messages, enough to overtake a text match', () => {
    // Text: "days" gives r1 and r2 ln 3 each. Usage: "when do my shoes arrive" vs "my shoes arrive days":
    // terms {when, do, my, shoes, arrive} and {my, shoes, arrive, days}: 3 shared of 6 → 1/2, used twice for r3.
    // r3 = 1 < ln 3 ≈ 1.099, so r1 and r2 stay ahead, tied and ordered by shortcut ("ret" < "ship").
    const uses = [
      { replyId: 'r3', visitorText: 'when do my shoes arrive' },
      { replyId: 'r3', visitorText: 'When do my shoes ARRIVE?' },
      { replyId: 'r4', visitorText: 'nothing alike' },
    ];
    const ranked = rankSuggestions('my shoes arrive days', replies, uses);
    expect(ranked.map((r) => r.id)).toEqual(['r2', 'r1', 'r3']);
    expect(ranked[2]!.score).toBeCloseTo(1, 10);
    // A third similar use: r3 = 3/2 > ln 3, and it leads.
    const more = rankSuggestions('my shoes arrive days', replies, [...uses, { replyId: 'r3', visitorText: 'when do my shoes arrive' }]);
    expect(more.map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
  });

  it('answers at most the limit, and nothing for a message without words', () => {
    const many = rankSuggestions('hello sizes return shipping days', replies, []);
    expect(many).toHaveLength(3);
    expect(rankSuggestions('?! …', replies, [{ replyId: 'r1', visitorText: 'x' }])).toEqual([]);
  });

  it('is deterministic: the same input ranks the same whatever the order of replies', () => {
    const forward = rankSuggestions('days', replies, []);
    const backward = rankSuggestions('days', [...replies].reverse(), []);
    expect(backward).toEqual(forward);
    expect(forward.map((r) => r.id)).toEqual(['r2', 'r1']);
  });
});
