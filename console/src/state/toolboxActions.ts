import type { AgentConversationChanged, AgentSummary, ConversationSummary } from '@mostrador/shared';
import type { CommandResult } from '../api/agentConnection.ts';
import { newClientId } from './clientId.ts';
import type { ControllerContext } from './controllerContext.ts';

/** The colleagues a note mentions: each `@Full Name` of the team, longest names first so "Anna Puig" beats "Anna". */
export function mentionedIn(body: string, agents: readonly Pick<AgentSummary, 'id' | 'name'>[]): string[] {
  const lower = body.toLocaleLowerCase();
  const found = new Set<string>();
  let rest = lower;
  for (const agent of [...agents].sort((a, b) => b.name.length - a.name.length)) {
    const handle = `@${agent.name.toLocaleLowerCase()}`;
    if (rest.includes(handle)) {
      found.add(agent.id);
      rest = rest.replaceAll(handle, ' ');
    }
  }
  return [...found];
}

/** Private notes and tags from a pane; answers the server's refusal message, or null. */
export class ToolboxActions {
  constructor(
    private readonly context: ControllerContext,
    private readonly applyChanged: (changed: AgentConversationChanged) => void,
    private readonly applySummary: (conversation: ConversationSummary) => void,
  ) {}

  async note(conversationId: string, body: string): Promise<string | null> {
    const { connection, store } = this.context;
    const mentions = mentionedIn(body, store.get().team.agents);
    const result = await connection.request('note:add', { conversationId, clientId: newClientId(), body, mentions });
    return this.settle(result, (data) => this.applyChanged(data));
  }

  async tag(conversationId: string, change: { add?: string[]; remove?: string[] }): Promise<string | null> {
    const result = await this.context.connection.request('conversation:tag', { conversationId, ...change });
    return this.settle(result, (data) => this.applySummary(data.conversation));
  }

  private settle<T>(result: CommandResult<T>, apply: (data: T) => void): string | null {
    if (!result.ok) return result.error.message || result.error.code;
    apply(result.data);
    return null;
  }
}
