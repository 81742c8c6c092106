import type { QueueInfo } from '@mostrador/shared';
import { estimateWaitSeconds } from './assignment-policy.ts';
import { RecentWaits } from './recent-waits.ts';
import type { ConversationsRepository } from './conversations.repository.ts';
import type { ConversationRow } from './conversations.types.ts';
import type { TeamDirectory } from './team-directory.ts';

/** Until the shop has history, assume a chat takes four minutes. */
const DEFAULT_CHAT_SECONDS = 240;
const SMOOTHING = 0.2;

export interface QueueChange {
  conversation: ConversationRow;
  queue: QueueInfo | null;
}

/**
 * Places in line and estimated waits. Each department has its own line;
 * conversations that lost their agent stand ahead of new arrivals. It
 * remembers what each visitor was last told, so only changes go out.
 */
/** How long a computed line may be reused for display before it is read again. */
const LINE_TTL_MS = 250;

export class QueueBoard {
  private averageChatSeconds = DEFAULT_CHAT_SECONDS;
  private readonly told = new Map<string, { siteId: string; visitorId: string; position: number }>();
  /**
   * Places in line per site, reused for a moment: a reconnect storm asks for
   * thousands of places at once, and reading the whole queue for each would
   * be quadratic. A conversation missing from the line reads it afresh.
   */
  private readonly lines = new Map<string, { at: number; places: Map<string, number>; loads: Map<string, number> }>();
  /** How long visitors really waited lately, per site. */
  private readonly waits = new Map<string, RecentWaits>();

  constructor(
    private readonly repo: ConversationsRepository,
    private readonly team: TeamDirectory,
  ) {}

  infoFor(conversation: ConversationRow): QueueInfo | null {
    if (conversation.status !== 'open' || conversation.assigneeId !== null) return null;
    let line = this.lines.get(conversation.siteId);
    if (!line || performance.now() - line.at > LINE_TTL_MS || !line.places.has(conversation.id)) {
      line = { at: performance.now(), places: this.places(conversation.siteId), loads: this.repo.loads(conversation.siteId) };
      this.lines.set(conversation.siteId, line);
    }
    const position = line.places.get(conversation.id);
    return position ? this.info(conversation, position, line.loads) : null;
  }

  /** Each queued conversation's place in its own department's line. */
  private places(siteId: string): Map<string, number> {
    const places = new Map<string, number>();
    const counts = new Map<string | null, number>();
    for (const conversation of this.repo.queue(siteId)) {
      const position = (counts.get(conversation.departmentId) ?? 0) + 1;
      counts.set(conversation.departmentId, position);
      places.set(conversation.id, position);
    }
    return places;
  }

  /** Every visitor whose place changed since last told, and those who left the line. */
  changes(siteId: string): QueueChange[] {
    this.lines.delete(siteId);
    const out: QueueChange[] = [];
    const positions = new Map<string | null, number>();
    const inLine = new Set<string>();
    const loads = this.repo.loads(siteId);
    for (const conversation of this.repo.queue(siteId)) {
      const position = (positions.get(conversation.departmentId) ?? 0) + 1;
      positions.set(conversation.departmentId, position);
      inLine.add(conversation.id);
      if (this.told.get(conversation.id)?.position === position) continue;
      this.told.set(conversation.id, { siteId, visitorId: conversation.visitorId, position });
      out.push({ conversation, queue: this.info(conversation, position, loads) });
    }
    for (const [id, told] of this.told) {
      if (told.siteId !== siteId || inLine.has(id)) continue;
      this.told.delete(id);
      const conversation = this.repo.byId(siteId, id);
      if (conversation) out.push({ conversation, queue: null });
    }
    return out;
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
