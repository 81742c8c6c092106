import { fail, ok, type MissedChatsReport, type Result, type SetConversationState } from '@mostrador/shared';
import { type Committer, runStep, type StepBody, step, type Tx } from '../../db/committer.ts';
import type { AgentActor } from './actors.ts';
import type { AccessResolver } from './conversations.access.ts';
import type { SocketBroadcaster } from './conversations.broadcast.ts';
import type { ConversationsStore } from './conversations.store.ts';
import { stateEvent } from './system-events.ts';
import type { Appended, ConversationRow } from './conversations.types.ts';
import { localDate, snoozeEnd } from './snooze.ts';

const DAY_MS = 86_400_000;
/** The most snoozes one sweep wakes; the next sweep takes the rest. */
const WAKE_BATCH = 200;
/** The longest range the missed-chats report covers. */
const REPORT_MAX_DAYS = 366;
const DEFAULT_REPORT_DAYS = 30;

/** What the states need from outside the module. */
export interface StatePorts {
  /** The site's time zone: where "tomorrow 09:00" and report days are reckoned. */
  timeZoneOf(siteId: string): string;
  /** Whether the shop knows how to reach the visitor (a contact email). */
  canReach(siteId: string, visitorId: string): boolean;
  /** Whether anyone can answer the line now (its hours are open and someone is online). */
  canAnswer(siteId: string, departmentId: string | null, at: number): boolean;
  /** Queued visitors' places changed. */
  queueChanged(siteId: string): void;
}

/**
 * Where an active conversation stands besides open: pending (waiting on the
 * customer) and snoozed until a time; and what happens without an agent's
 * word: a snooze runs out, a shopper leaves while queued (a missed chat,
 * a ticket when the shop can reach them), a queued chat nobody can answer
 * becomes a ticket. Every change is a sequenced, agents-only state event.
 * Time comes from `clock`, so tests move it rather than wait.
 */
export class ConversationStates {
  #timer: ReturnType<typeof setInterval> | null = null;
  #sweeping: Promise<void> | null = null;

  constructor(
    private readonly repo: ConversationsStore,
    private readonly committer: Committer,
    private readonly broadcast: SocketBroadcaster,
    private readonly access: AccessResolver,
    private readonly wakeInTx: (tx: Tx, conversation: ConversationRow, reason: 'customer' | 'timer', at: number) => StepBody<Appended>,
    private readonly ports: StatePorts,
    private readonly clock: () => number = Date.now,
  ) {}

  /** An agent sets an active conversation open, pending or snoozed. */
  async set(agent: AgentActor, input: SetConversationState): Promise<Result<Appended>> {
    const outcome = await this.committer.run((tx) => runStep(tx, this.setStep(tx, agent, input)));
    if (outcome.ok) this.broadcast.eventsAppended(outcome.data.conversation, [outcome.data.event]);
    return outcome;
  }

  private *setStep(tx: Tx, agent: AgentActor, input: SetConversationState): StepBody<Result<Appended>> {
    const conversation = yield* step(this.repo.byIdInTx(tx, agent.siteId, input.conversationId));
    const access = conversation ? this.access.of(agent, conversation) : 'none';
    if (!conversation || access === 'none') return fail('not_found', 'No such conversation');
    if (access !== 'write') return fail('forbidden', 'Take the conversation first');
    if (conversation.status !== 'open') return fail('conflict', 'The conversation is resolved');
    const now = this.clock();
    let until: number | null = null;
    if (input.state === 'snoozed') {
      until = snoozeEnd(input.until, now, this.ports.timeZoneOf(agent.siteId));
      if (until === null) return fail('invalid_payload', 'A snooze ends in the future, within a year');
    }
    const hold = input.state === 'open' ? null : input.state;
    if (hold === conversation.hold && until === conversation.snoozedUntil)
      return fail('conflict', `The conversation is already ${input.state}`);
    const actor = { id: agent.agentId, name: agent.name };
    const event = stateEvent(input.state, until, 'agent', actor, now);
    return ok(yield* step(this.repo.appendInTx(tx, agent.siteId, conversation.id, event, { hold, snoozedUntil: until })));
  }

  /** Snoozes whose time has come are open again; returns how many woke. */
  async wakeDue(now = this.clock()): Promise<number> {
    const woken = await this.committer.run((tx) =>
      runStep(
        tx,
        function* (this: ConversationStates): StepBody<Appended[]> {
          const out: Appended[] = [];
          for (const c of yield* step(this.repo.dueSnoozesInTx(tx, now, WAKE_BATCH))) out.push(yield* this.wakeInTx(tx, c, 'timer', now));
          return out;
        }.call(this),
      ),
    );
    for (const { conversation, event } of woken) this.broadcast.eventsAppended(conversation, [event]);
    return woken.length;
  }

  /**
   * Queued chats nobody can answer now (the shop closed, the last agent
   * left) become tickets: they wait for an agent, not in a live queue.
   */
  async ticketUnserved(now = this.clock()): Promise<number> {
    const changed = await this.committer.run((tx) =>
      runStep(
        tx,
        function* (this: ConversationStates): StepBody<Appended[]> {
          const out: Appended[] = [];
          for (const c of yield* step(this.repo.queuedChatsInTx(tx))) {
            if (this.ports.canAnswer(c.siteId, c.departmentId, now)) continue;
            const event = stateEvent('open', null, 'ticket', null, now);
            out.push(yield* step(this.repo.appendInTx(tx, c.siteId, c.id, event, { ticketSince: now })));
          }
          return out;
        }.call(this),
      ),
    );
    this.publish(changed);
    return changed.length;
  }

  /** One pass of the background job: snoozes that ran out, then queued chats nobody can answer. */
  async sweep(now = this.clock()): Promise<void> {
    // Passes never overlap: one that arrives during another runs after it.
    while (this.#sweeping) await this.#sweeping;
    const pass = (async () => {
      await this.wakeDue(now);
      await this.ticketUnserved(now);
    })();
    // Later passes wait only for this one to end: its failure is its caller's, through the promise returned.
    this.#sweeping = pass
      .catch(() => undefined)
      .finally(() => {
        this.#sweeping = null;
      });
    return pass;
  }

  /**
   * After a restart: every open chat's shopper counts as gone until back
   * (committed before this resolves, so before the app serves); then sweeps
   * now (what came due while the server was down) and every `intervalMs`;
   * 0 turns the timer off.
   */
  async start(intervalMs: number, log: (err: unknown) => void): Promise<void> {
    await this.committer.run((tx) => this.repo.markVisitorsGoneInTx(tx, this.clock()));
    const run = () => void this.sweep().catch(log);
    run();
    if (intervalMs > 0) {
      this.#timer = setInterval(run, intervalMs);
      this.#timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#sweeping;
  }

  /**
   * The visitor left the site (after the grace period). A conversation still
   * waiting in the queue is a missed chat, and a ticket when the shop can
   * reach them; any other active one is only marked, for the Tickets view.
   */
  async visitorLeft(siteId: string, visitorId: string, at = this.clock()): Promise<void> {
    const outcome = await this.committer.run((tx) =>
      runStep(
        tx,
        function* (this: ConversationStates): StepBody<{ conversation: ConversationRow; event: Appended['event'] | null } | null> {
          const conversation = yield* step(this.repo.openForVisitorInTx(tx, siteId, visitorId));
          if (!conversation || conversation.visitorLeftAt !== null) return null;
          const queued = conversation.assigneeId === null && conversation.hold === null && conversation.missedAt === null;
          if (!queued)
            return { conversation: yield* step(this.repo.updateInTx(tx, siteId, conversation.id, { visitorLeftAt: at })), event: null };
          const ticket = conversation.ticketSince === null && this.ports.canReach(siteId, visitorId);
          return yield* step(
            this.repo.appendInTx(tx, siteId, conversation.id, stateEvent('open', null, 'missed', null, at), {
              visitorLeftAt: at,
              missedAt: at,
              ...(ticket ? { ticketSince: at } : {}),
            }),
          );
        }.call(this),
      ),
    );
    if (!outcome) return;
    if (outcome.event) this.publish([{ conversation: outcome.conversation, event: outcome.event }]);
    else this.broadcast.summaryChanged(outcome.conversation);
  }

  /** The visitor is back on the site: their conversation leaves the Tickets view. */
  async visitorArrived(siteId: string, visitorId: string): Promise<void> {
    const conversation = await this.committer.run((tx) =>
      runStep(
        tx,
        function* (this: ConversationStates): StepBody<ConversationRow | null> {
          const open = yield* step(this.repo.openForVisitorInTx(tx, siteId, visitorId));
          return open && open.visitorLeftAt !== null
            ? yield* step(this.repo.updateInTx(tx, siteId, open.id, { visitorLeftAt: null }))
            : null;
        }.call(this),
      ),
    );
    if (conversation) this.broadcast.summaryChanged(conversation);
  }

  /** Missed chats per local day of the site, `from` to `to` inclusive (YYYY-MM-DD); by default the last 30 days. */
  async missedChats(siteId: string, fromDate?: string, toDate?: string): Promise<Result<MissedChatsReport>> {
    const to = toDate ?? localDate(this.clock(), this.ports.timeZoneOf(siteId));
    const from = fromDate ?? new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_REPORT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    const first = Date.parse(`${from}T00:00:00Z`);
    const last = Date.parse(`${to}T00:00:00Z`);
    // Date.parse rolls a day that does not exist (31 February) into the next month: refuse it instead.
    const real = (at: number, date: string) => !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === date;
    if (!real(first, from) || !real(last, to) || last < first)
      return fail('invalid_payload', 'from and to must be real dates, from on or before to');
    if ((last - first) / DAY_MS >= REPORT_MAX_DAYS) return fail('invalid_payload', `At most ${REPORT_MAX_DAYS} days`);
    const timeZone = this.ports.timeZoneOf(siteId);
    const days = new Map<string, { date: string; missed: number; ticketed: number }>();
    for (let day = first; day <= last; day += DAY_MS) {
      const date = new Date(day).toISOString().slice(0, 10);
      days.set(date, { date, missed: 0, ticketed: 0 });
    }
    // Local days lie within 14 hours of UTC days: read a little wider, then bucket by the local date.
    for (const row of await this.repo.missedBetween(siteId, first - DAY_MS, last + 2 * DAY_MS)) {
      const day = days.get(localDate(row.missedAt, timeZone));
      if (!day) continue;
      day.missed += 1;
      if (row.ticketed) day.ticketed += 1;
    }
    return ok({ timeZone, days: [...days.values()] });
  }

  private publish(changed: Appended[]): void {
    const sites = new Set<string>();
    for (const { conversation, event } of changed) {
      this.broadcast.eventsAppended(conversation, [event]);
      sites.add(conversation.siteId);
    }
    for (const siteId of sites) this.ports.queueChanged(siteId);
  }
}
