import { fail, ok, type Result } from '@mostrador/shared';
import { andThen, type Committer, type InTx, runStep, type StepBody, step, type Tx } from '../../db/committer.ts';
import type { AgentActor } from './actors.ts';
import { pickAgent } from './assignment-policy.ts';
import type { AccessResolver } from './conversations.access.ts';
import type { SocketBroadcaster } from './conversations.broadcast.ts';
import type { ConversationsStore } from './conversations.store.ts';
import type { Appended, ConversationRow, EventRow } from './conversations.types.ts';
import type { QueueBoard } from './queue-board.ts';
import { systemEvent } from './system-events.ts';
import type { TeamDirectory } from './team-directory.ts';

type Ref = { id: string; name: string };
type Transfer = { kind: 'agent'; agentId: string } | { kind: 'department'; departmentId: string };

/** What one committed routing step produced, for the broadcast after the commit. */
interface Step {
  conversation: ConversationRow;
  events: EventRow[];
  formerAgents: string[];
  /** It waited in the queue until this step: those who saw it there see it go. */
  leftQueue?: boolean;
}

const notFound = () => fail('not_found', 'No such conversation');

/**
 * Who answers which conversation. Every decision runs inside one group-commit
 * transaction, so reading loads and claiming happen with no other write in
 * between: a conversation is never given to two agents, and no agent goes
 * over capacity. The claim itself is an UPDATE … WHERE assignee IS NULL.
 */
/** What routing needs from business hours. */
export interface LineHours {
  isOpen(siteId: string, departmentId: string | null, at: number): boolean;
}

/** What routing needs from around it. */
export interface RoutingHooks {
  /** Business hours of a line (a department, or the site's general queue). */
  hours: LineHours;
  /** An agent's chats were requeued after it went offline: queued chats nobody can answer may become tickets. */
  agentGone(siteId: string): void;
  /** A pass the database refused (locked past its busy timeout, disk full); it is tried again later. */
  failed(error: unknown): void;
}

/**
 * How long a refused pass waits before it runs again. Long enough not to
 * hammer a database that is struggling, short enough that a queued shopper
 * barely notices.
 */
export const ROUTING_RETRY_MS = 1_000;

export class RoutingService {
  /** Round-robin turns: a counter, not a clock, so two claims in one millisecond still differ. */
  private readonly lastAssigned = new Map<string, number>();
  private turn = 0;
  private readonly draining = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly retries = new Map<string, ReturnType<typeof setTimeout>>();
  private closed = false;

  constructor(
    private readonly repo: ConversationsStore,
    private readonly team: TeamDirectory,
    private readonly committer: Committer,
    private readonly broadcast: SocketBroadcaster,
    private readonly board: QueueBoard,
    private readonly access: AccessResolver,
    private readonly hooks: RoutingHooks,
  ) {}

  /** At shutdown: no pass is retried against a closed database. */
  close(): void {
    this.closed = true;
    for (const timer of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
  }

  /** A ticket is routed only while its line is open; outside hours it waits for an agent to take it. */
  private waitsForHours(conversation: ConversationRow): boolean {
    return conversation.ticketSince !== null && !this.hooks.hours.isOpen(conversation.siteId, conversation.departmentId, Date.now());
  }

  /**
   * Inside a step: gives a queued conversation to the best agent with room,
   * if any. Without `loads` (read under the site's routing lock by the
   * caller), it takes the lock and reads them itself.
   */
  *assignInTx(tx: Tx, conversation: ConversationRow, loads?: Map<string, number>): StepBody<Appended | null> {
    if (this.team.routingOf(conversation.siteId, conversation.departmentId) === 'manual') return null;
    if (this.waitsForHours(conversation)) return null;
    const current = loads ?? (yield* this.lockedLoads(tx, conversation.siteId));
    const candidates = this.team
      .candidates(conversation.siteId, conversation.departmentId)
      .map((c) => ({ ...c, load: current.get(c.agentId) ?? 0 }));
    const agentId = pickAgent(candidates, this.lastAssigned);
    if (!agentId) return null;
    return yield* this.claimInTx(tx, conversation, agentId, null, current);
  }

  /** The site's loads, read under its routing lock, which holds until the step commits. */
  private *lockedLoads(tx: Tx, siteId: string): StepBody<Map<string, number>> {
    yield* step(this.repo.lockRoutingInTx(tx, siteId));
    return yield* step(this.repo.loadsInTx(tx, siteId));
  }

  /**
   * Assigns every queued conversation of the site that an agent has room
   * for, in queue order. Calls that arrive while one runs are folded into
   * one more run, so an agent storm (everyone reconnecting) costs two drains,
   * not one per agent.
   */
  drain(siteId: string): Promise<void> {
    const running = this.draining.get(siteId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.drainOnce(siteId);
        } while (state.again);
      } catch (error) {
        // A drain is a consequence: the write that asked for it has already committed, and most
        // callers do not wait for it. A refused pass is retried, or the queue would stand still
        // until the next arrival, and it must never become an unhandled rejection that stops the server.
        this.hooks.failed(error);
        this.later(`drain:${siteId}`, () => void this.drain(siteId));
      } finally {
        this.draining.delete(siteId);
      }
    })();
    this.draining.set(siteId, state);
    return state.done;
  }

  private async drainOnce(siteId: string): Promise<void> {
    const steps = await this.committer.run((tx) => runStep(tx, this.drainStep(tx, siteId)));
    this.publish(steps, siteId);
  }

  private *drainStep(tx: Tx, siteId: string): StepBody<Step[]> {
    const loads = yield* this.lockedLoads(tx, siteId);
    // Departments found with nobody free are skipped for the rest of this pass.
    const full = new Set<string | null>();
    const steps: Step[] = [];
    for (const conversation of yield* step(this.repo.queueInTx(tx, siteId))) {
      // A ticket held by the hours is skipped without marking its department full.
      if (full.has(conversation.departmentId) || this.waitsForHours(conversation)) continue;
      const assigned = yield* this.assignInTx(tx, conversation, loads);
      if (!assigned) {
        full.add(conversation.departmentId);
        continue;
      }
      steps.push({ conversation: assigned.conversation, events: [assigned.event], formerAgents: [], leftQueue: true });
    }
    return steps;
  }

  async take(agent: AgentActor, conversationId: string): Promise<Result<Appended>> {
    const { siteId } = agent;
    return this.step(siteId, function* (this: RoutingService, tx: Tx): StepBody<Result<Step>> {
      const conversation = yield* step(this.repo.byIdInTx(tx, siteId, conversationId));
      // Judged as it stood in the queue, so the loser of a race hears "taken", not "no such conversation".
      const asQueued = conversation && { ...conversation, assigneeId: null };
      if (!conversation || !asQueued || this.access.of(agent, asQueued) === 'none') return notFound();
      if (conversation.status !== 'open' || conversation.assigneeId !== null) {
        return fail('conflict', 'Someone else has taken this conversation');
      }
      const loads = yield* this.lockedLoads(tx, siteId);
      const capacity = this.team.capacityOf(siteId, agent.agentId) ?? 0;
      if ((loads.get(agent.agentId) ?? 0) >= capacity) {
        return fail('conflict', 'You are at capacity');
      }
      const me = { id: agent.agentId, name: agent.name };
      const claimed = yield* this.claimInTx(tx, conversation, agent.agentId, me, loads);
      if (!claimed) return fail('conflict', 'Someone else has taken this conversation');
      return ok({ conversation: claimed.conversation, events: [claimed.event], formerAgents: [], leftQueue: true });
    });
  }

  async transfer(agent: AgentActor, conversationId: string, to: Transfer, note?: string): Promise<Result<Appended>> {
    const { siteId } = agent;
    return this.step(
      siteId,
      function* (this: RoutingService, tx: Tx): StepBody<Result<Step>> {
        const conversation = yield* step(this.repo.byIdInTx(tx, siteId, conversationId));
        if (!conversation || this.access.of(agent, conversation) === 'none') return notFound();
        if (conversation.assigneeId !== agent.agentId && agent.role !== 'admin') {
          return fail('forbidden', 'Only the conversation’s agent or an admin can transfer it');
        }
        if (conversation.status !== 'open') return fail('conflict', 'The conversation is closed');
        const me = { id: agent.agentId, name: agent.name };
        const now = Date.now();
        const events: EventRow[] = [];
        if (to.kind === 'agent') {
          if (to.agentId === conversation.assigneeId) return fail('conflict', 'That agent already has it');
          if (!this.team.agentRef(siteId, to.agentId)) return fail('not_found', 'No such agent');
          const target = this.team.candidates(siteId, null).find((c) => c.agentId === to.agentId);
          if (!target) return fail('conflict', 'That agent is not available');
          if (((yield* this.lockedLoads(tx, siteId)).get(to.agentId) ?? 0) >= target.capacity) {
            return fail('conflict', 'That agent is at capacity');
          }
        } else if (!this.team.departmentRef(siteId, to.departmentId)) {
          return fail('not_found', 'No such department');
        }
        if (note) {
          const noted = yield* step(
            this.repo.appendInTx(tx, siteId, conversation.id, { ...systemEvent('note', null, me, now, false), body: note }),
          );
          events.push(noted.event);
        }
        const former = conversation.assigneeId;
        const formerRef = former ? this.team.agentRef(siteId, former) : null;
        if (formerRef) {
          const left = yield* step(
            this.repo.appendInTx(tx, siteId, conversation.id, systemEvent('left', { agent: formerRef, reason: 'transferred' }, me, now)),
          );
          events.push(left.event);
        }
        if (to.kind === 'agent') {
          const ref = this.team.agentRef(siteId, to.agentId)!;
          yield* step(this.repo.removeGuestInTx(tx, siteId, conversation.id, to.agentId));
          const joined = yield* step(
            this.repo.appendInTx(tx, siteId, conversation.id, systemEvent('joined', { agent: ref, role: 'assignee' }, me, now), {
              assigneeId: to.agentId,
              queuedAt: null,
              queuePriority: 0,
            }),
          );
          events.push(joined.event);
          this.noteTurn(to.agentId);
        } else {
          const queued = yield* step(
            this.repo.appendInTx(
              tx,
              siteId,
              conversation.id,
              systemEvent('queued', { department: this.team.departmentRef(siteId, to.departmentId), reason: 'transferred' }, me, now),
              { assigneeId: null, departmentId: to.departmentId, queuedAt: now, queuePriority: 1 },
            ),
          );
          events.push(queued.event);
        }
        const after = yield* step(this.repo.byIdInTx(tx, siteId, conversation.id));
        return ok({ conversation: after!, events, formerAgents: former ? [former] : [] });
      },
      true,
    );
  }

  async invite(agent: AgentActor, conversationId: string, guestId: string): Promise<Result<Appended>> {
    const { siteId } = agent;
    return this.step(siteId, function* (this: RoutingService, tx: Tx): StepBody<Result<Step>> {
      const conversation = yield* step(this.repo.byIdInTx(tx, siteId, conversationId));
      if (!conversation || this.access.of(agent, conversation) === 'none') return notFound();
      if (this.access.of(agent, conversation) !== 'write') return fail('forbidden', 'Take the conversation first');
      if (conversation.status !== 'open') return fail('conflict', 'The conversation is closed');
      const guest = this.team.agentRef(siteId, guestId);
      if (!guest) return fail('not_found', 'No such agent');
      if (!this.team.candidates(siteId, null).some((c) => c.agentId === guestId)) {
        return fail('conflict', 'That agent is not available');
      }
      if (guestId === conversation.assigneeId || conversation.guestIds.includes(guestId)) {
        return fail('conflict', 'That agent is already in the conversation');
      }
      const now = Date.now();
      yield* step(this.repo.addGuestInTx(tx, siteId, conversation.id, guestId, now));
      const joined = yield* step(
        this.repo.appendInTx(
          tx,
          siteId,
          conversation.id,
          systemEvent('joined', { agent: guest, role: 'guest' }, { id: agent.agentId, name: agent.name }, now),
        ),
      );
      return ok({ conversation: joined.conversation, events: [joined.event], formerAgents: [] });
    });
  }

  async leave(agent: AgentActor, conversationId: string): Promise<Result<Appended>> {
    const { siteId } = agent;
    return this.step(siteId, function* (this: RoutingService, tx: Tx): StepBody<Result<Step>> {
      const conversation = yield* step(this.repo.byIdInTx(tx, siteId, conversationId));
      if (!conversation || !conversation.guestIds.includes(agent.agentId)) return notFound();
      const me = { id: agent.agentId, name: agent.name };
      yield* step(this.repo.removeGuestInTx(tx, siteId, conversation.id, agent.agentId));
      const left = yield* step(
        this.repo.appendInTx(tx, siteId, conversation.id, systemEvent('left', { agent: me, reason: 'left' }, me, Date.now())),
      );
      return ok({ conversation: left.conversation, events: [left.event], formerAgents: [agent.agentId] });
    });
  }

  /**
   * After the grace period: the agent's chats go back to the front of their
   * queue (or straight to a colleague with room), and it leaves group chats.
   */
  async agentWentOffline(agentId: string, siteId: string, stillGone: () => boolean = () => true): Promise<void> {
    const ref = this.team.agentRef(siteId, agentId);
    if (!ref) return;
    let steps: Step[];
    try {
      steps = await this.requeueChatsOf(agentId, siteId, ref);
    } catch (error) {
      // Its chats would stay with an agent who has left: try again while it is still away.
      this.hooks.failed(error);
      this.later(`offline:${siteId}:${agentId}`, () => {
        if (stillGone()) void this.agentWentOffline(agentId, siteId, stillGone);
      });
      return;
    }
    this.publish(steps, siteId, false);
    await this.drain(siteId);
    this.hooks.agentGone(siteId);
  }

  /** Runs `retry` once after ROUTING_RETRY_MS; a second request for the same key while one waits is folded into it. */
  private later(key: string, retry: () => void): void {
    if (this.closed || this.retries.has(key)) return;
    const timer = setTimeout(() => {
      this.retries.delete(key);
      retry();
    }, ROUTING_RETRY_MS);
    timer.unref?.();
    this.retries.set(key, timer);
  }

  private requeueChatsOf(agentId: string, siteId: string, ref: Ref): Promise<Step[]> {
    return this.committer.run((tx) => runStep(tx, this.requeueStep(tx, agentId, siteId, ref)));
  }

  private *requeueStep(tx: Tx, agentId: string, siteId: string, ref: Ref): StepBody<Step[]> {
    // Every node of a cluster requeues an agent whose grace period ran out (presence.service.ts):
    // under the site's lock the first takes the chats, and the others find none left.
    yield* step(this.repo.lockRoutingInTx(tx, siteId));
    const now = Date.now();
    const out: Step[] = [];
    for (const conversation of yield* step(this.repo.openAssignedToInTx(tx, siteId, agentId))) {
      const left = yield* step(
        this.repo.appendInTx(tx, siteId, conversation.id, systemEvent('left', { agent: ref, reason: 'offline' }, null, now), {
          assigneeId: null,
          queuedAt: now,
          queuePriority: 1,
        }),
      );
      const department = this.team.departmentRef(siteId, conversation.departmentId);
      const queued = yield* step(
        this.repo.appendInTx(tx, siteId, conversation.id, systemEvent('queued', { department, reason: 'requeued' }, null, now)),
      );
      out.push({ conversation: queued.conversation, events: [left.event, queued.event], formerAgents: [agentId] });
    }
    for (const conversation of yield* step(this.repo.openAsGuestInTx(tx, siteId, agentId))) {
      yield* step(this.repo.removeGuestInTx(tx, siteId, conversation.id, agentId));
      const left = yield* step(
        this.repo.appendInTx(tx, siteId, conversation.id, systemEvent('left', { agent: ref, reason: 'offline' }, null, now)),
      );
      out.push({ conversation: left.conversation, events: [left.event], formerAgents: [agentId] });
    }
    return out;
  }

  /** A chat ended: its pace teaches the wait estimate, and its agent has room again. */
  chatEnded(conversation: ConversationRow): void {
    if (conversation.firstResponseAt && conversation.closedAt) {
      this.board.recordChatSeconds((conversation.closedAt - conversation.firstResponseAt) / 1000);
    }
    void this.drain(conversation.siteId);
  }

  /** Reads a queued conversation's line, so that its views tell its place (see QueueBoard.read). */
  placeRead(conversation: ConversationRow): InTx<void> {
    return this.board.read(conversation);
  }

  /** Tells queued visitors whose place in line changed. */
  publishQueue(siteId: string): void {
    const told = andThen(this.board.changes(siteId), (changes) => {
      for (const change of changes) this.broadcast.queueUpdated(change.conversation, change.queue);
    });
    if (told instanceof Promise) told.catch((error: unknown) => this.hooks.failed(error));
  }

  /** A proactive chat: its starter is its assignee. Inside its step. */
  *startWithInTx(tx: Tx, conversation: ConversationRow, agent: AgentActor): StepBody<Appended | null> {
    const ref = this.team.agentRef(agent.siteId, agent.agentId);
    const loads = yield* this.lockedLoads(tx, conversation.siteId);
    return yield* this.claimInTx(tx, conversation, agent.agentId, ref, loads);
  }

  private *claimInTx(
    tx: Tx,
    conversation: ConversationRow,
    agentId: string,
    actor: Ref | null,
    loads: Map<string, number>,
  ): StepBody<Appended | null> {
    const { siteId } = conversation;
    const ref = this.team.agentRef(siteId, agentId);
    if (!ref) return null;
    const claimed = yield* step(this.repo.claimInTx(tx, siteId, conversation.id, agentId));
    if (!claimed) return null;
    loads.set(agentId, (loads.get(agentId) ?? 0) + this.repo.weightOf(conversation));
    this.noteTurn(agentId);
    if (conversation.queuedAt !== null) this.board.recordWait(siteId, Date.now() - conversation.queuedAt, Date.now());
    return yield* step(
      this.repo.appendInTx(tx, siteId, claimed.id, systemEvent('joined', { agent: ref, role: 'assignee' }, actor, Date.now())),
    );
  }

  private noteTurn(agentId: string): void {
    this.turn += 1;
    this.lastAssigned.set(agentId, this.turn);
  }

  /** Runs one routing decision as a committed step, then tells everyone concerned. */
  private async step(
    siteId: string,
    decide: (this: RoutingService, tx: Tx) => StepBody<Result<Step>>,
    drainAfter = false,
  ): Promise<Result<Appended>> {
    const outcome = await this.committer.run((tx) => runStep(tx, decide.call(this, tx)));
    if (!outcome.ok) return outcome;
    this.publish([outcome.data], siteId);
    if (drainAfter) await this.drain(siteId);
    const last = outcome.data.events.at(-1)!;
    return ok({ event: last, conversation: (await this.repo.byId(siteId, outcome.data.conversation.id)) ?? outcome.data.conversation });
  }

  private publish(steps: Step[], siteId: string, withQueue = true): void {
    for (const step of steps)
      this.broadcast.eventsAppended(step.conversation, step.events, {
        formerAgents: step.formerAgents,
        leftQueue: step.leftQueue,
      });
    if (withQueue || steps.length > 0) this.publishQueue(siteId);
  }
}
