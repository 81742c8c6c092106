import type { QueueInfo } from '@mostrador/shared';
import { estimateWaitSeconds } from './assignment-policy.ts';
import { RecentWaits } from './recent-waits.ts';
import { andThen, type InTx } from '../../db/committer.ts';
import type { ConversationsStore } from './conversations.store.ts';
import type { ConversationRow } from './conversations.types.ts';
import type { TeamDirectory } from './team-directory.ts';

/** Until the shop has history, assume a chat takes four minutes. */
const DEFAULT_CHAT_SECONDS = 240;
const SMOOTHING = 0.2;

export interface QueueChange {
  conversation: ConversationRow;
  queue: QueueInfo | null;
}

/** How long a computed line may be reused for display before it is read again. */
const LINE_TTL_MS = 250;

/** A site's line as read: each queued conversation's place, and the agents' loads. */
interface Line {
  at: number;
  places: Map<string, number>;
  loads: Map<string, number>;
}

const isQueued = (conversation: ConversationRow) => conversation.status === 'open' && conversation.assigneeId === null;

/**
 * Places in line and estimated waits. Each department has its own line;
 * conversations that lost their agent stand ahead of new arrivals. It
 * remembers what each visitor was last told, so only changes go out.
 */
export class QueueBoard {
  private averageChatSeconds = DEFAULT_CHAT_SECONDS;
  private readonly told = new Map<string, { siteId: string; visitorId: string; position: number }>();
  /**
   * Places in line per site, reused for a moment: a reconnect storm asks for
   * thousands of places at once, and reading the whole queue for each would
   * be quadratic. A conversation missing from the line reads it afresh.
   */
  private readonly lines = new Map<string, Line>();
  /** How long visitors really waited lately, per site. */
  private readonly waits = new Map<string, RecentWaits>();

  constructor(
    private readonly repo: ConversationsStore,
    private readonly team: TeamDirectory,
  ) {}

  /**
   * A queued conversation's place and wait, from the site's line as last
   * read. A line older than a moment, or without this conversation, is read
   * again: at once on SQLite; on PostgreSQL the read finishes later, so this
   * answer has no place yet, unless `read` was awaited first (the visitor's
   * own views are), and the visitor hears it from `changes`, which every
   * routing step runs.
   */
  infoFor(conversation: ConversationRow): QueueInfo | null {
    if (!isQueued(conversation)) return null;
    let line = this.freshLine(conversation);
    if (!line) {
      const read = this.readLine(conversation.siteId);
      if (read instanceof Promise) {
        void read.catch(() => undefined);
        return null;
      }
      line = read;
    }
    const position = line.places.get(conversation.id);
    return position ? this.info(conversation, position, line.loads) : null;
  }

  /**
   * Reads the line of a queued conversation unless the one kept is fresh
   * and has it, so that `infoFor` answers its place: at once on SQLite,
   * awaited on PostgreSQL, where the read cannot finish inside `infoFor`.
   */
  read(conversation: ConversationRow): InTx<void> {
    if (!isQueued(conversation) || this.freshLine(conversation)) return undefined;
    return andThen(this.readLine(conversation.siteId), () => undefined);
  }

  /** The site's line as kept, if it is not older than a moment and has this conversation. */
  private freshLine(conversation: ConversationRow): Line | undefined {
    const line = this.lines.get(conversation.siteId);
    return line && performance.now() - line.at <= LINE_TTL_MS && line.places.has(conversation.id) ? line : undefined;
  }

  /** The site's queue and loads, kept as its line for a moment. */
  private readLine(siteId: string): InTx<Line> {
    return andThen(this.repo.queue(siteId), (queue) =>
      andThen(this.repo.loads(siteId), (loads) => {
        const line = { at: performance.now(), places: placesIn(queue), loads };
        this.lines.set(siteId, line);
        return line;
      }),
    );
  }

  /** Every visitor whose place changed since last told, and those who left the line. */
  changes(siteId: string): InTx<QueueChange[]> {
    this.lines.delete(siteId);
    return andThen(this.repo.loads(siteId), (loads) =>
      andThen(this.repo.queue(siteId), (queue) => {
        const out: QueueChange[] = [];
        const places = placesIn(queue);
        for (const conversation of queue) {
          const position = places.get(conversation.id)!;
          if (this.told.get(conversation.id)?.position === position) continue;
          this.told.set(conversation.id, { siteId, visitorId: conversation.visitorId, position });
          out.push({ conversation, queue: this.info(conversation, position, loads) });
        }
        const left: string[] = [];
        for (const [id, told] of this.told) {
          if (told.siteId !== siteId || places.has(id)) continue;
          this.told.delete(id);
          left.push(id);
        }
        if (left.length === 0) return out;
        // Those who left the line hear it with their conversation as it stands now.
        return andThen(
          inOrderOutside(left, (id) => this.repo.byId(siteId, id)),
          (rows) => {
            for (const conversation of rows) if (conversation) out.push({ conversation, queue: null });
            return out;
          },
        );
      }),
    );
  }

  /** Learns the pace of chats from each one that ends. */
  recordChatSeconds(seconds: number): void {
    if (!(seconds > 0)) return;
    this.averageChatSeconds = this.averageChatSeconds * (1 - SMOOTHING) + seconds * SMOOTHING;
  }

  /** A visitor left the line for an agent after waiting this long: the estimate learns from it. */
  recordWait(siteId: string, waitedMs: number, at: number): void {
    let waits = this.waits.get(siteId);
    if (!waits) this.waits.set(siteId, (waits = new RecentWaits()));
    waits.add(waitedMs / 1000, at);
  }

  private info(conversation: ConversationRow, position: number, loads: ReadonlyMap<string, number>): QueueInfo {
    const candidates = this.team.candidates(conversation.siteId, conversation.departmentId);
    const slots = candidates.reduce((sum, c) => sum + c.capacity, 0);
    const modelled = estimateWaitSeconds(position, slots, this.averageChatSeconds);
    // Real recent waits, when the shop has some: the typical wait per place in line, times this place.
    const perPlace = this.waits.get(conversation.siteId)?.typicalSeconds(Date.now());
    const estimatedWaitSeconds = perPlace === undefined ? modelled : Math.round(perPlace * position);
    const allBusy = candidates.length > 0 && candidates.every((c) => (loads.get(c.agentId) ?? 0) >= c.capacity);
    return { position, estimatedWaitSeconds, ...(allBusy ? { allBusy } : {}) };
  }
}

/** Each queued conversation's place in its own department's line. */
function placesIn(queue: readonly ConversationRow[]): Map<string, number> {
  const places = new Map<string, number>();
  const counts = new Map<string | null, number>();
  for (const conversation of queue) {
    const position = (counts.get(conversation.departmentId) ?? 0) + 1;
    counts.set(conversation.departmentId, position);
    places.set(conversation.id, position);
  }
  return places;
}

/** Reads outside a step, one after another: at once on SQLite, awaited on PostgreSQL. */
function inOrderOutside<I, R>(items: readonly I[], read: (item: I) => InTx<R>): InTx<R[]> {
  const results: R[] = [];
  const next = (i: number): InTx<R[]> => (i === items.length ? results : andThen(read(items[i]!), (r) => (results.push(r), next(i + 1))));
  return next(0);
}
