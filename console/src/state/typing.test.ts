import type { TypingChanged } from '@mostrador/shared';
import { describe, expect, it } from 'vitest';
import { jordi, me } from './testFixtures.ts';
import { applyTyping, stopVisitorTyping } from './typing.ts';

const empty = { visitorTyping: {}, visitorDrafts: {}, colleagueTyping: {} };

const hint = (overrides: Partial<TypingChanged>): TypingChanged => ({
  conversationId: 'c',
  typing: true,
  agent: null,
  draft: null,
  ...overrides,
});

describe('applyTyping', () => {
  it('tells the visitor (no agent) from a colleague typing a reply', () => {
    const visitor = applyTyping(empty, hint({}), me.id);
    expect(visitor.visitorTyping).toEqual({ c: true });
    expect(visitor.colleagueTyping).toEqual({});

    const colleague = applyTyping(empty, hint({ agent: jordi }), me.id);
    expect(colleague.visitorTyping).toEqual({});
    expect(colleague.colleagueTyping).toEqual({ c: { [jordi.id]: jordi } });
    expect(applyTyping(colleague, hint({ typing: false, agent: jordi }), me.id).colleagueTyping).toEqual({});
  });

  it('ignores the agent’s own typing echoed back', () => {
    const state = applyTyping(empty, hint({ agent: { id: me.id, name: me.name } }), me.id);
    expect(state).toBe(empty);
  });

  it('keeps the visitor’s draft while they type, and drops it when it empties or typing stops', () => {
    const typing = applyTyping(empty, hint({ draft: 'Do you ship' }), me.id);
    expect(typing.visitorDrafts).toEqual({ c: 'Do you ship' });
    expect(applyTyping(typing, hint({ draft: 'Do you ship' }), me.id)).toBe(typing);

    const longer = applyTyping(typing, hint({ draft: 'Do you ship to Andorra?' }), me.id);
    expect(longer.visitorDrafts).toEqual({ c: 'Do you ship to Andorra?' });
    expect(applyTyping(longer, hint({ draft: '   ' }), me.id).visitorDrafts).toEqual({});
    expect(applyTyping(longer, hint({ draft: null }), me.id).visitorDrafts).toEqual({});
    const stopped = applyTyping(longer, hint({ typing: false, draft: 'Do you ship to Andorra?' }), me.id);
    expect(stopped).toMatchObject({ visitorTyping: {}, visitorDrafts: {} });
  });

  it('clears typing and draft once the visitor’s message arrives', () => {
    const typing = applyTyping(empty, hint({ draft: 'Hello' }), me.id);
    expect(stopVisitorTyping(typing, 'c')).toMatchObject({ visitorTyping: {}, visitorDrafts: {} });
    expect(stopVisitorTyping(empty, 'c')).toBe(empty);
  });
});
