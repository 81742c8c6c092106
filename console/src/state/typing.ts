import type { TypingChanged } from '@mostrador/shared';
import { without, type ConsoleState } from './consoleState.ts';

type TypingState = Pick<ConsoleState, 'visitorTyping' | 'colleagueTyping'>;

/**
 * Applies a typing hint: with no agent it is the visitor; otherwise a
 * colleague in the same conversation (the agent's own echo is ignored).
 */
export function applyTyping<State extends TypingState>(state: State, change: TypingChanged, myId: string): State {
  const { conversationId, typing, agent } = change;
  if (agent === null) {
    const visitorTyping = typing
      ? { ...state.visitorTyping, [conversationId]: true as const }
      : without(state.visitorTyping, conversationId);
    return visitorTyping === state.visitorTyping ? state : { ...state, visitorTyping };
  }
  if (agent.id === myId) return state;
  const held = state.colleagueTyping[conversationId] ?? {};
  const next = typing ? { ...held, [agent.id]: agent } : without(held, agent.id);
  if (next === held) return state;
  const colleagueTyping =
    Object.keys(next).length > 0
      ? { ...state.colleagueTyping, [conversationId]: next }
      : without(state.colleagueTyping, conversationId);
  return { ...state, colleagueTyping };
}

/** A colleague whose reply was just posted is no longer typing it. */
export function stopColleagueTyping<State extends TypingState>(state: State, conversationId: string, agentId: string): State {
  const held = state.colleagueTyping[conversationId];
  if (!held || !(agentId in held)) return state;
  return applyTyping(state, { conversationId, typing: false, agent: { id: agentId, name: '' } }, '');
}
