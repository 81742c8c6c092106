import { describe, expect, it } from 'vitest';
import { jordi, me } from './testFixtures.ts';
import { applyTyping } from './typing.ts';

const empty = { visitorTyping: {}, colleagueTyping: {} };

describe('applyTyping', () => {
  it('tells the visitor (no agent) from a colleague typing a reply', () => {
    const visitor = applyTyping(empty, { conversationId: 'c', typing: true, agent: null }, me.id);
    expect(visitor.visitorTyping).toEqual({ c: true });
    expect(visitor.colleagueTyping).toEqual({});

    const colleague = applyTyping(empty, { conversationId: 'c', typing: true, agent: jordi }, me.id);
    expect(colleague.visitorTyping).toEqual({});
    expect(colleague.colleagueTyping).toEqual({ c: { [jordi.id]: jordi } });
    expect(applyTyping(colleague, { conversationId: 'c', typing: false, agent: jordi }, me.id).colleagueTyping).toEqual({});
  });

  it('ignores the agent’s own typing echoed back', () => {
    const state = applyTyping(empty, { conversationId: 'c', typing: true, agent: { id: me.id, name: me.name } }, me.id);
    expect(state).toBe(empty);
  });
});
