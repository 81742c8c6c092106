import type { AgentConversationChanged, ErrorBody, SetConversationState } from '@mostrador/shared';
import type { CommandResult, TransportError } from '../api/agentConnection.ts';
import { without, type PaneActionKind } from './consoleState.ts';
import type { ControllerContext } from './controllerContext.ts';

export type TransferTarget = { kind: 'agent'; agentId: string } | { kind: 'department'; departmentId: string };

/**
 * The commands of a conversation pane: take from the queue, transfer, invite
 * a colleague, leave a group chat, close. Each marks the pane busy while it
 * runs and keeps the server's refusal (say, someone else took it first) to show.
 */
export class PaneActions {
  constructor(
    private readonly context: ControllerContext,
    private readonly applyChanged: (changed: AgentConversationChanged) => void,
  ) {}

  take(conversationId: string): Promise<boolean> {
    return this.run('take', conversationId, () => this.context.connection.request('conversation:take', { conversationId }));
  }

  transfer(conversationId: string, to: TransferTarget, note?: string): Promise<boolean> {
    const trimmed = note?.trim();
    return this.run('transfer', conversationId, () =>
      this.context.connection.request('conversation:transfer', { conversationId, to, ...(trimmed ? { note: trimmed } : {}) }),
    );
  }

  invite(conversationId: string, agentId: string): Promise<boolean> {
    return this.run('invite', conversationId, () => this.context.connection.request('conversation:invite', { conversationId, agentId }));
  }

  leave(conversationId: string): Promise<boolean> {
    return this.run('leave', conversationId, () => this.context.connection.request('conversation:leave', { conversationId }));
  }

  close(conversationId: string): Promise<boolean> {
    return this.run('close', conversationId, () => this.context.connection.request('conversation:close', { conversationId }));
  }

  /** Open, pending (waiting on the customer) or snoozed until a preset or a time. */
  setState(change: SetConversationState): Promise<boolean> {
    return this.run('state', change.conversationId, () => this.context.connection.request('conversation:status', change));
  }

  dismissError(conversationId: string): void {
    this.context.store.update((state) => ({ ...state, actions: without(state.actions, conversationId) }));
  }

  private async run(
    kind: PaneActionKind,
    conversationId: string,
    command: () => Promise<CommandResult<AgentConversationChanged>>,
  ): Promise<boolean> {
    const { store } = this.context;
    store.update((state) => ({ ...state, actions: { ...state.actions, [conversationId]: { kind, state: 'pending' } } }));
    const result = await command();
    if (result.ok) {
      store.update((state) => ({ ...state, actions: without(state.actions, conversationId) }));
      this.applyChanged(result.data);
      return true;
    }
    const message = messageOf(result.error);
    store.update((state) => ({
      ...state,
      actions: { ...state.actions, [conversationId]: { kind, state: 'failed', message } },
    }));
    return false;
  }
}

function messageOf(error: ErrorBody | TransportError): string {
  return error.message;
}
