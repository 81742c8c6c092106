import type { EventRow, NewEvent } from './conversations.types.ts';

type Ref = { id: string; name: string };

/** An event nobody typed: by an agent's action (`actor`) or by the system (null). */
export function systemEvent(type: NewEvent['type'], data: NewEvent['data'], actor: Ref | null, at: number, visible = true): NewEvent {
  return {
    type,
    visible,
    authorKind: actor ? 'agent' : 'system',
    authorId: actor?.id ?? null,
    authorName: actor?.name ?? null,
    clientId: null,
    body: null,
    status: null,
    data,
    createdAt: at,
  };
}

/** An agents-only state event: the new state, when a snooze ends, and why it changed. */
export function stateEvent(
  state: 'open' | 'pending' | 'snoozed',
  snoozedUntil: number | null,
  reason: NonNullable<EventRow['data']>['stateReason'],
  actor: Ref | null,
  at: number,
): NewEvent {
  return { ...systemEvent('state', { snoozedUntil, stateReason: reason }, actor, at, false), status: state };
}
