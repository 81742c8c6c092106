import type { Device, LiveVisitor, Product, VisitorIdentity, VisitorsChanged } from '@mostrador/shared';

/** A page a tab is showing now; it becomes a page-view row when the tab leaves it. */
export interface OpenPageView {
  url: string;
  title: string;
  referrer: string;
  product: Product | null;
  startedAt: number;
  /** Since when the shopper has had it open, for the trigger rules: earlier than `startedAt` for a page resumed on a new connection. */
  since?: number;
  /** Whether its product goes into the site's catalogue: a page on the origin the widget connected from. */
  catalogue?: boolean;
}

export interface ArrivingVisitor {
  id: string;
  siteId: string;
  label: string;
  identity: VisitorIdentity;
  visitStartedAt: number;
  returning: boolean;
  device: Device;
  /** Pages already seen in this visit (a visit survives a short absence). */
  pagesViewed: number;
  cart: LiveVisitor['cart'];
  /** What the trigger rules read of the cart beyond the list's summary. */
  cartSkus: readonly string[];
  checkoutSince: number | null;
  /** The visit's first page (its referrer and UTM parameters); undefined until its first page, null when unknown. */
  landing?: { url: string; referrer: string } | null;
  conversationId: string | null;
  /** Last known browser language and time zone, so only changes are written. */
  language: string | null;
  timeZone: string | null;
}

interface LiveEntry extends ArrivingVisitor {
  /** The page each connected tab shows, by socket id. */
  tabs: Map<string, OpenPageView | null>;
  /** The page most recently opened, in any tab. */
  current: OpenPageView | null;
  leaveTimer: ReturnType<typeof setTimeout> | undefined;
}

export interface LiveVisitorsOptions {
  /** How long a visitor with no tab stays listed: moving to the next page closes one socket and opens another. */
  leaveGraceMs: number;
  /** Changes are folded together and told at most this often per site. */
  flushIntervalMs: number;
  onChanges(siteId: string, changes: VisitorsChanged): void;
  onLeft(siteId: string, visitorId: string, at: number): void;
}

/**
 * Who is on each site right now, in memory only: a visitor who never chats
 * costs one entry here and no database write per heartbeat. The console's
 * live list is told of arrivals, page changes and departures in batches.
 */
export class LiveVisitors {
  readonly #entries = new Map<string, LiveEntry>();
  readonly #pending = new Map<string, { updated: Set<string>; left: Set<string> }>();
  #flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: LiveVisitorsOptions) {}

  get(visitorId: string): Readonly<LiveEntry> | undefined {
    return this.#entries.get(visitorId);
  }

  isOnline(visitorId: string): boolean {
    return this.#entries.has(visitorId);
  }

  /** A tab connected. `arriving` is read only when the visitor was not already listed. */
  connected(socketId: string, visitorId: string, arriving: () => ArrivingVisitor): void {
    let entry = this.#entries.get(visitorId);
    if (entry) {
      clearTimeout(entry.leaveTimer);
      entry.leaveTimer = undefined;
    } else {
      entry = { ...arriving(), tabs: new Map(), current: null, leaveTimer: undefined };
      this.#entries.set(visitorId, entry);
    }
    entry.tabs.set(socketId, null);
    this.#changed(entry);
  }

  /**
   * A tab shows a new page; returns the page it left, if any, for the trail.
   * A `resumed` page (the same page again on a new connection) is not another page of the visit.
   */
  pageViewed(socketId: string, visitorId: string, page: OpenPageView, resumed = false): OpenPageView | null {
    const entry = this.#entries.get(visitorId);
    if (!entry || !entry.tabs.has(socketId)) return null;
    const previous = entry.tabs.get(socketId) ?? null;
    // A repeated report of the same page (a reconnect of the same tab) is not a new view.
    if (previous && previous.url === page.url) {
      previous.title = page.title;
      previous.product = page.product;
      this.#changed(entry);
      return null;
    }
    entry.tabs.set(socketId, page);
    entry.current = page;
    if (entry.pagesViewed === 0) entry.landing = { url: page.url, referrer: page.referrer };
    if (!resumed || entry.pagesViewed === 0) entry.pagesViewed += 1;
    this.#changed(entry);
    return previous;
  }

  /** A tab closed; returns the page it showed, for the trail. */
  disconnected(socketId: string, visitorId: string, at: number): OpenPageView | null {
    const entry = this.#entries.get(visitorId);
    if (!entry) return null;
    const page = entry.tabs.get(socketId) ?? null;
    entry.tabs.delete(socketId);
    if (entry.current === page) entry.current = lastOpenPage(entry.tabs);
    if (entry.tabs.size === 0) {
      entry.leaveTimer = setTimeout(() => this.#leave(entry, at), this.options.leaveGraceMs);
      entry.leaveTimer.unref?.();
    }
    return page;
  }

  update(
    visitorId: string,
    change: Partial<
      Pick<LiveEntry, 'cart' | 'cartSkus' | 'checkoutSince' | 'landing' | 'conversationId' | 'identity' | 'language' | 'timeZone'>
    >,
  ): void {
    const entry = this.#entries.get(visitorId);
    if (!entry) return;
    Object.assign(entry, change);
    this.#changed(entry);
  }

  list(siteId: string): LiveVisitor[] {
    const rows: LiveVisitor[] = [];
    for (const entry of this.#entries.values()) if (entry.siteId === siteId) rows.push(toRow(entry));
    return rows;
  }

  /** An erased visitor: gone from the list at once, its open pages dropped rather than written. */
  forget(visitorId: string): void {
    const entry = this.#entries.get(visitorId);
    if (!entry) return;
    clearTimeout(entry.leaveTimer);
    this.#entries.delete(visitorId);
    const pending = this.#pendingFor(entry.siteId);
    pending.updated.delete(visitorId);
    pending.left.add(visitorId);
    this.#scheduleFlush();
  }

  /** Every page still open, for a shutdown that must not lose them; the list is emptied. */
  drain(): Array<{ visitorId: string; page: OpenPageView }> {
    const open: Array<{ visitorId: string; page: OpenPageView }> = [];
    for (const entry of this.#entries.values()) {
      clearTimeout(entry.leaveTimer);
      for (const page of entry.tabs.values()) if (page) open.push({ visitorId: entry.id, page });
    }
    this.#entries.clear();
    clearTimeout(this.#flushTimer);
    this.#pending.clear();
    return open;
  }

  #leave(entry: LiveEntry, at: number): void {
    if (this.#entries.get(entry.id) !== entry || entry.tabs.size > 0) return;
    this.#entries.delete(entry.id);
    const pending = this.#pendingFor(entry.siteId);
    pending.updated.delete(entry.id);
    pending.left.add(entry.id);
    this.#scheduleFlush();
    this.options.onLeft(entry.siteId, entry.id, at);
  }

  #changed(entry: LiveEntry): void {
    const pending = this.#pendingFor(entry.siteId);
    pending.left.delete(entry.id);
    pending.updated.add(entry.id);
    this.#scheduleFlush();
  }

  #pendingFor(siteId: string) {
    let pending = this.#pending.get(siteId);
    if (!pending) {
      pending = { updated: new Set(), left: new Set() };
      this.#pending.set(siteId, pending);
    }
    return pending;
  }

  #scheduleFlush(): void {
    if (this.#flushTimer) return;
    this.#flushTimer = setTimeout(() => this.#flush(), this.options.flushIntervalMs);
    this.#flushTimer.unref?.();
  }

  #flush(): void {
    this.#flushTimer = undefined;
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [siteId, { updated, left }] of pending) {
      const rows: LiveVisitor[] = [];
      for (const id of updated) {
        const entry = this.#entries.get(id);
        if (entry) rows.push(toRow(entry));
      }
      this.options.onChanges(siteId, { updated: rows, left: [...left] });
    }
  }
}

function lastOpenPage(tabs: Map<string, OpenPageView | null>): OpenPageView | null {
  let latest: OpenPageView | null = null;
  for (const page of tabs.values()) if (page && (!latest || page.startedAt > latest.startedAt)) latest = page;
  return latest;
}

function toRow(entry: LiveEntry): LiveVisitor {
  const { current } = entry;
  return {
    id: entry.id,
    label: entry.label,
    identity: entry.identity,
    page: current ? { url: current.url, title: current.title, product: current.product } : null,
    visitStartedAt: entry.visitStartedAt,
    pagesViewed: entry.pagesViewed,
    cart: entry.cart,
    conversationId: entry.conversationId,
    returning: entry.returning,
    device: entry.device,
  };
}
