import { fail, ok, type Result } from '@mostrador/shared';
import { type Committer, type InTx, runStep, type StepBody, step, type Tx } from '../../db/committer.ts';
import type { AgentActor } from './actors.ts';
import type { AccessResolver } from './conversations.access.ts';
import type { SocketBroadcaster } from './conversations.broadcast.ts';
import type { ConversationsStore } from './conversations.store.ts';
import type { Appended, ConversationRow } from './conversations.types.ts';
import type { ConversationTagsRepository } from './conversation-tags.repository.ts';
import { runRacingStep } from './lost-race.ts';
import type { TeamDirectory } from './team-directory.ts';

/** The site's tag list, which the tags module keeps: a tag an agent uses first joins it. */
export interface TagList {
  ensureInTx(tx: Tx, siteId: string, names: readonly string[]): InTx<void>;
}

const notFound = () => fail('not_found', 'No such conversation');

/**
 * What agents keep to themselves about a conversation: private notes (the same `note` event a transfer's
 * note is, outside the visitor's sequence, so no visitor view ever carries one), @mentions, and tags.
 */
export class ConversationToolbox {
  constructor(
    private readonly repo: ConversationsStore,
    private readonly tagsRepo: ConversationTagsRepository,
    private readonly committer: Committer,
    private readonly broadcast: SocketBroadcaster,
    private readonly access: AccessResolver,
    private readonly team: TeamDirectory,
    private readonly tagList: TagList,
  ) {}

  /** Anyone who may read the conversation may note in it, open or closed. */
  async addNote(
    agent: AgentActor,
    input: { conversationId: string; clientId: string; body: string; mentions: string[] },
  ): Promise<Result<Appended>> {
    const outcome = await runRacingStep(this.committer, (tx) => this.noteStep(tx, agent, input));
    if (!outcome.ok) return outcome;
    const { event, conversation, isNew, mentioned } = outcome.data;
    if (isNew) {
      this.broadcast.eventsAppended(conversation, [event], { ackedTo: agent.connectionId });
      this.broadcast.mentioned(conversation, event, { id: agent.agentId, name: agent.name }, mentioned);
    }
    return ok({ event, conversation });
  }

  private *noteStep(
    tx: Tx,
    agent: AgentActor,
    input: { conversationId: string; clientId: string; body: string; mentions: string[] },
  ): StepBody<Result<Appended & { isNew: boolean; mentioned: string[] }>> {
    const { siteId } = agent;
    const stored = yield* step(this.repo.eventByAuthorClientIdInTx(tx, siteId, agent.agentId, input.clientId));
    if (stored) {
      const conversation = yield* step(this.repo.byIdInTx(tx, siteId, stored.conversationId));
      if (conversation && stored.type === 'note') return ok({ event: stored, conversation, isNew: false, mentioned: [] });
      return fail('conflict', 'That client id was used for something else');
    }
    const conversation = yield* step(this.repo.byIdInTx(tx, siteId, input.conversationId));
    if (!conversation || this.access.of(agent, conversation) === 'none') return notFound();
    const mentions = [...new Set(input.mentions)].map((id) => this.team.agentRef(siteId, id));
    if (mentions.some((ref) => ref === null)) return fail('not_found', 'No such agent');
    const refs = mentions.filter((ref) => ref !== null);
    const appended = yield* step(
      this.repo.appendInTx(tx, siteId, conversation.id, {
        type: 'note',
        visible: false,
        authorKind: 'agent',
        authorId: agent.agentId,
        authorName: agent.name,
        clientId: input.clientId,
        body: input.body,
        status: null,
        data: refs.length > 0 ? { mentions: refs.map(({ id, name }) => ({ id, name })) } : null,
        createdAt: Date.now(),
      }),
    );
    return ok({ ...appended, isNew: true, mentioned: refs.map((r) => r.id).filter((id) => id !== agent.agentId) });
  }

  /** Those who write in the conversation tag it; a new tag joins the site's list. */
  async tag(agent: AgentActor, input: { conversationId: string; add: string[]; remove: string[] }): Promise<Result<ConversationRow>> {
    const outcome = await this.committer.run((tx) => runStep(tx, this.tagStep(tx, agent, input)));
    if (!outcome.ok) return outcome;
    if (outcome.data.changed) this.broadcast.retagged(outcome.data.conversation);
    return ok(outcome.data.conversation);
  }

  private *tagStep(
    tx: Tx,
    agent: AgentActor,
    input: { conversationId: string; add: string[]; remove: string[] },
  ): StepBody<Result<{ conversation: ConversationRow; changed: boolean }>> {
    const { siteId } = agent;
    const conversation = yield* step(this.repo.byIdInTx(tx, siteId, input.conversationId));
    if (!conversation || this.access.of(agent, conversation) === 'none') return notFound();
    if (this.access.of(agent, conversation) !== 'write') return fail('forbidden', 'Take the conversation first');
    const next = [...new Set([...conversation.tags.filter((t) => !input.remove.includes(t)), ...input.add])];
    if (next.length === conversation.tags.length && next.every((t) => conversation.tags.includes(t))) {
      return ok({ conversation, changed: false });
    }
    yield* step(this.tagList.ensureInTx(tx, siteId, input.add));
    return ok({ conversation: (yield* step(this.tagsRepo.setInTx(tx, siteId, conversation.id, next)))!, changed: true });
  }

  /** After an admin renamed or merged a tag: each conversation it touched is told to its agents. */
  async retagged(siteId: string, conversationIds: readonly string[]): Promise<void> {
    for (const id of conversationIds) {
      const conversation = await this.repo.byId(siteId, id);
      if (conversation) this.broadcast.retagged(conversation);
    }
  }
}
