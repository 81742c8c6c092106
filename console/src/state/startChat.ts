import type { ErrorBody } from '@mostrador/shared';
import type { TransportError } from '../api/agentConnection.ts';

/** Why a proactive chat did not start; each has its own sentence in the dialog. */
export type StartChatFailure = 'already_chatting' | 'visitor_offline' | 'disconnected' | 'failed';

export type StartChatOutcome = { ok: true; conversationId: string } | { ok: false; reason: StartChatFailure };

/** The reasons the server names, as the error's code or its message. */
const NAMED_REASONS = ['already_chatting', 'visitor_offline'] as const;

/**
 * The contract's error codes are generic (`conflict`, `not_found`), so the
 * server names these two refusals in the error itself; anything else is a
 * plain failure, and a transport failure means the agent can simply retry.
 */
export function startChatFailure(error: ErrorBody | TransportError): StartChatFailure {
  if (error.code === 'disconnected' || error.code === 'timeout') return 'disconnected';
  const said = [String(error.code), error.message.trim()];
  return NAMED_REASONS.find((reason) => said.includes(reason)) ?? 'failed';
}
