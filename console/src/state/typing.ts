import type { TypingChanged } from '@mostrador/shared';
import { without, type ConsoleState } from './consoleState.ts';

type TypingState = Pick<ConsoleState, 'visitorTyping' | 'visitorDrafts' | 'colleagueTyping'>;

/** A draft worth showing: the site sends previews, and there is something in it besides spaces. */
function shownDraft({ typing, draft }: TypingChanged): string | null {
  return typing && draft !== null && draft.trim() !== '' ? draft : null;
}

/**
 * Applies a typing hint: with no agent it is the visitor, with or without
 * the draft (typing preview); otherwise a colleague in the same conversation
 * (the agent's own echo is ignored).
 */
export function applyTyping<State extends TypingState>(state: State, change: TypingChanged, myId: string): State {
  const { conversationId, typing, agent } = change;
  if (agent === null) {
    const visitorTyping = typing
      ? state.visitorTyping[conversationId]
        ? state.visitorTyping
        : { ...state.visitorTyping, [conversationId]: true as const }
      : without(state.visitorTyping, conversationId);
    const draft = shownDraft(change);
    const visitorDrafts =
      draft === null
        ? without(state.visitorDrafts, conversationId)
        : state.visitorDrafts[conversationId] === draft
          ? state.visitorDrafts
          : { ...state.visitorDrafts, [conversationId]: draft };
    if (visitorTyping === state.visitorTyping && visitorDrafts === state.visitorDrafts) return state;
    return { ...state, visitorTyping, visitorDrafts };
  }
  if (agent.id === myId) return state;
  const held = state.colleagueTyping[conversationId] ?? {};
  const next = typing ? { ...held, [agent.id]: agent } : without(held, agent.id);
  if (next === held) return state;
  const colleagueTyping =
    Object.keys(next).length > 0 ? { ...state.colleagueTyping, [conversationId]: next } : without(state.colleagueTyping, conversationId);
  return { ...state, colleagueTyping };
}

/** A visitor whose message just arrived is no longer typing it, and its draft is now in the log. */
export function stopVisitorTyping<State extends TypingState>(state: State, conversationId: string): State {
  return applyTyping(state, { conversationId, typing: false, agent: null, draft: null }, '');
}

/** A colleague whose reply was just posted is no longer typing it. */
export function stopColleagueTyping<State extends TypingState>(state: State, conversationId: string, agentId: string): State {
  const held = state.colleagueTyping[conversationId];
  if (!held || !(agentId in held)) return state;
  return applyTyping(state, { conversationId, typing: false, agent: { id: agentId, name: '' }, draft: null }, '');
}
