import {
  fail,
  ok,
  PRODUCT_SEARCH_MAX,
  type CartSet,
  type CartTracked,
  type CartTrackedResult,
  type CartUpdated,
  type LiveVisitor,
  type PageRead,
  type PageViewed,
  type ProductCard,
  type Result,
  type VisitorIdentity,
  type VisitorProfile,
  type VisitorsChanged,
  type VisitInfo,
} from '@mostrador/shared';
import { productFromMarkup } from '@mostrador/shared/shop/product';
import { normalizeOrigin } from '../sites/index.ts';
import type { Committer } from '../../db/committer.ts';
import type { TabFacts } from '../triggers/index.ts';
import type { ActivityRepository } from './activity.repository.ts';
import { LiveVisitors, type OpenPageView } from './live-visitors.ts';
import { readArrival, type VisitorArrival } from './visitor-arrival.ts';
import { PageViewWriter } from './page-view-writer.ts';
import { type ProfilePorts, VisitorProfiles } from './visitor-profiles.ts';
import { VisitorCarts } from './visitor-carts.ts';
import type { IdentifyClaim, IdentitySettings, VisitorsService } from './visitors.service.ts';
import type { VisitorRow } from './visitors.repository.ts';

/** Where the visitors module hears about, and tells of, things outside it. */
export interface VisitorActivityPorts extends ProfilePorts {
  /** Tells the consoles watching the site's live list. */
  listChanged(siteId: string, changes: VisitorsChanged): void;
  /** Whether any console follows this visitor's profile, and telling them. */
  hasFollowers(visitorId: string): boolean;
  profileChanged(profile: VisitorProfile): void;
  /** Whether the visitor has a tab open on another node of the cluster (never, alone). */
  onlineElsewhere(siteId: string, visitorId: string): boolean;
  /** The visitor began checkout or bought something (a stage the cart had not before). */
  cartStageReached(siteId: string, visitorId: string, stage: 'checkout' | 'purchase', at: number): void;
  /** The visitor left the site (no page open past the grace period), or came back after leaving. */
  visitorLeft(siteId: string, visitorId: string, at: number): void;
  visitorArrived(siteId: string, visitorId: string): void;
  log(error: unknown): void;
}

export interface VisitorActivityOptions {
  leaveGraceMs: number;
  listFlushMs: number;
  pageViewFlushMs: number;
  /** Follow-ups of one visitor are folded into one profile push this long after the first. */
  profilePushMs: number;
}

export const DEFAULT_ACTIVITY_OPTIONS: VisitorActivityOptions = {
  leaveGraceMs: 15_000,
  listFlushMs: 1_000,
  pageViewFlushMs: 500,
  profilePushMs: 250,
};

/**
 * What visitors do on the shop, as agents see it: who is here, the pages
 * they open (the trail), their cart and its history, and who they are.
 */
export class VisitorActivity {
  readonly #live: LiveVisitors;
  readonly #pageViews: PageViewWriter;
  readonly #carts: VisitorCarts;
  readonly #profiles: VisitorProfiles;
  readonly #profilePushes = new Map<string, ReturnType<typeof setTimeout>>();
  #closed = false;

  constructor(
    private readonly visitors: VisitorsService,
    private readonly activity: ActivityRepository,
    private readonly committer: Committer,
    private readonly ports: VisitorActivityPorts,
    private readonly options: VisitorActivityOptions = DEFAULT_ACTIVITY_OPTIONS,
  ) {
    this.#live = new LiveVisitors({
      leaveGraceMs: options.leaveGraceMs,
      flushIntervalMs: options.listFlushMs,
      onChanges: (siteId, changes) => ports.listChanged(siteId, changes),
      onLeft: (siteId, visitorId, at) => {
        this.visitors.seen(siteId, visitorId, at).catch(ports.log);
        this.#pushProfile(siteId, visitorId);
        ports.visitorLeft(siteId, visitorId, at);
      },
    });
    this.#pageViews = new PageViewWriter(activity, committer, options.pageViewFlushMs, ports.log);
    this.#profiles = new VisitorProfiles(visitors, activity, this.#live, this.#pageViews, ports);
    this.#carts = new VisitorCarts(activity, committer, this.#live, {
      profileChanged: (siteId, visitorId) => this.#pushProfile(siteId, visitorId),
      cartStageReached: ports.cartStageReached,
      log: ports.log,
    });
  }

  /**
   * Read in the widget's handshake, before `connected`: a visitor not listed
   * here costs its cart, identity and visit so far (see visitor-arrival.ts);
   * one listed already costs nothing.
   */
  async arrival(visitor: VisitorRow): Promise<VisitorArrival> {
    return { visitor, listed: this.#live.get(visitor.id) ?? (await readArrival(this.visitors, this.activity, visitor)) };
  }

  /** A widget connected (a page load, or a reconnect), its arrival read in the handshake; the caller has already looked up its open conversation. */
  connected(socketId: string, { visitor, listed }: VisitorArrival, openConversationId: string | null): void {
    if (this.#closed) return;
    const wasOnline = this.#live.isOnline(visitor.id);
    this.#live.connected(socketId, visitor.id, () => ({ ...listed, conversationId: openConversationId }));
    if (!wasOnline) {
      this.#pushProfile(visitor.siteId, visitor.id);
      if (openConversationId) this.ports.visitorArrived(visitor.siteId, visitor.id);
    }
  }

  disconnected(socketId: string, siteId: string, visitorId: string): void {
    if (this.#closed) return;
    const now = Date.now();
    this.#endView(siteId, visitorId, this.#live.disconnected(socketId, visitorId, now), now);
  }

  /** Answers the product read off the page's markup, for the widget's trigger rules. */
  pageViewed(socketId: string, siteId: string, visitorId: string, page: PageViewed, tabOrigin: string | null = null): Result<PageRead> {
    const now = Date.now();
    const entry = this.#live.get(visitorId);
    if (!entry) return fail('not_found', 'visitor is not connected');
    const { language, timeZone } = page;
    if ((language && language !== entry.language) || (timeZone && timeZone !== entry.timeZone)) {
      this.visitors.noteLocale(siteId, visitorId, { language, timeZone }).catch(this.ports.log);
      this.#live.update(visitorId, { language: language ?? entry.language, timeZone: timeZone ?? entry.timeZone });
    }
    // Widgets from before the server read the markup send the product itself.
    const product = page.markup ? productFromMarkup(page.markup, page.url) : (page.product ?? null);
    // Only a page on the origin the widget connected from (checked at its handshake) names a product of the shop's.
    const catalogue = product !== null && tabOrigin !== null && normalizeOrigin(page.url) === tabOrigin;
    // A page resumed on a new connection is not a new view of the visit, and its time on the page goes on
    // (never from before the visit). The trail keeps the connection's own span: the last one ended at the drop.
    const since = page.resumed ? Math.max(entry.visitStartedAt, now - page.resumed.ms) : now;
    const open: OpenPageView = { url: page.url, title: page.title, referrer: page.referrer, product, startedAt: now, since, catalogue };
    this.#endView(siteId, visitorId, this.#live.pageViewed(socketId, visitorId, open, !!page.resumed), now);
    // A new page load ends a checkout (its page pushes begin_checkout again); a single-page shop's
    // navigation does not, as its begin_checkout may arrive before the page it belongs to.
    if (!page.resumed && !page.historyChange && entry.checkoutSince !== null) this.#carts.leftCheckout(siteId, visitorId);
    this.#pushProfile(siteId, visitorId);
    return ok({ product });
  }

  /** Persisted (with its history) before the ack, like everything the agent relies on. */
  cartUpdated(siteId: string, visitorId: string, update: CartUpdated): Promise<Result<null>> {
    return this.#carts.updated(siteId, visitorId, update);
  }

  cartSet(siteId: string, visitorId: string, set: CartSet): Promise<Result<null>> {
    return this.#carts.set(siteId, visitorId, set);
  }

  cartTracked(siteId: string, visitorId: string, tracked: CartTracked): Promise<Result<CartTrackedResult>> {
    return this.#carts.tracked(siteId, visitorId, tracked);
  }

  async identify(
    siteId: string,
    visitorId: string,
    site: IdentitySettings,
    claim: IdentifyClaim,
  ): Promise<Result<{ identity: VisitorIdentity }>> {
    const visitor = await this.visitors.byId(siteId, visitorId);
    if (!visitor) return fail('not_found', 'unknown visitor');
    const result = await this.visitors.identifyCustomer(visitor, site, claim);
    if (!result.ok) return result;
    this.#live.update(visitorId, { identity: result.data });
    this.#pushProfile(siteId, visitorId);
    return ok({ identity: result.data });
  }

  /** A conversation of the visitor opened or closed: `openConversationId` is the one open now, if any. */
  conversationChanged(siteId: string, visitorId: string, openConversationId: string | null): void {
    if (this.#live.isOnline(visitorId)) this.#live.update(visitorId, { conversationId: openConversationId });
    this.#pushProfile(siteId, visitorId);
  }

  /**
   * What the trigger rules read about a tab and its visitor: its page, the
   * visit, the cart, whether a conversation is open. The visit's first page
   * was read when the visitor arrived, if this server did not see it (the
   * visitor came back after the list let it go, or the server restarted).
   */
  triggerFacts(socketId: string, visitorId: string): TabFacts | null {
    const entry = this.#live.get(visitorId);
    if (!entry) return null;
    const page = entry.tabs.get(socketId) ?? null;
    return {
      page: page && { url: page.url, startedAt: page.since ?? page.startedAt, product: page.product },
      visitStartedAt: entry.visitStartedAt,
      pagesViewed: entry.pagesViewed,
      returning: entry.returning,
      language: entry.language,
      cart: entry.cart && { ...entry.cart, skus: entry.cartSkus },
      checkoutSince: entry.checkoutSince,
      chatting: entry.conversationId !== null,
      landing: entry.landing ?? null,
    };
  }

  /** The visit as counted here, for the widget's trigger conditions; call after `connected`. */
  visitInfo(visitorId: string): VisitInfo {
    const entry = this.#live.get(visitorId);
    return entry
      ? { startedAt: entry.visitStartedAt, pagesViewed: entry.pagesViewed, returning: entry.returning }
      : { startedAt: Date.now(), pagesViewed: 0, returning: false };
  }

  /** Enough to start a proactive chat: a visitor of the site, its label, and whether still here. */
  async whereabouts(siteId: string, visitorId: string): Promise<{ siteId: string; label: string; online: boolean } | null> {
    const visitor = await this.visitors.byId(siteId, visitorId);
    if (!visitor) return null;
    const online = this.#live.isOnline(visitorId) || this.ports.onlineElsewhere(siteId, visitorId);
    return { siteId: visitor.siteId, label: visitor.label, online };
  }

  isOnline(visitorId: string): boolean {
    return this.#live.isOnline(visitorId);
  }

  liveList(siteId: string): LiveVisitor[] {
    return this.#live.list(siteId);
  }

  /** A product the visitor saw, or else of the site's catalogue, by its page's URL (see visitor-profiles.ts). */
  productSeen(siteId: string, visitorId: string, url: string): Promise<ProductCard | null> {
    return this.#profiles.productSeen(siteId, visitorId, url);
  }

  /** The site's products whose name or SKU holds the words, most recently seen first (pages still open or unwritten are not in it yet). */
  searchProducts(siteId: string, words: string): Promise<ProductCard[]> {
    return this.activity.searchCatalog(siteId, words, PRODUCT_SEARCH_MAX);
  }

  /** The side panel's view of a visitor; only for agents of the visitor's site. */
  profile(visitorId: string, siteId: string): Promise<Result<VisitorProfile>> {
    return this.#profiles.profile(visitorId, siteId);
  }

  /**
   * Erased visitors: off the live list (consoles hear only that they left),
   * their unwritten pages and pending profile pushes dropped. Call after
   * their sockets are closed, since closing a tab ends its page.
   */
  forget(visitorIds: readonly string[]): void {
    this.visitors.forget(visitorIds);
    this.#pageViews.drop(visitorIds);
    for (const id of visitorIds) {
      this.#live.forget(id);
      clearTimeout(this.#profilePushes.get(id));
      this.#profilePushes.delete(id);
    }
  }

  /** Shutdown: every page still open becomes a trail entry now, and nothing more is recorded. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#profilePushes.values()) clearTimeout(timer);
    const now = Date.now();
    await this.#pageViews.writeNow(this.#live.drain().map(({ visitorId, page }) => ended(visitorId, page, now)));
  }

  #endView(siteId: string, visitorId: string, page: OpenPageView | null, now: number): void {
    if (!page) return;
    void this.#pageViews.add(ended(visitorId, page, now)).then(() => this.#pushProfile(siteId, visitorId));
  }

  #pushProfile(siteId: string, visitorId: string): void {
    if (this.#closed || this.#profilePushes.has(visitorId) || !this.ports.hasFollowers(visitorId)) return;
    const timer = setTimeout(() => {
      this.#profilePushes.delete(visitorId);
      if (!this.ports.hasFollowers(visitorId)) return;
      void this.profile(visitorId, siteId).then((profile) => {
        if (profile.ok && !this.#closed) this.ports.profileChanged(profile.data);
      });
    }, this.options.profilePushMs);
    this.#profilePushes.set(visitorId, timer);
  }
}

function ended(visitorId: string, { since: _since, ...page }: OpenPageView, now: number) {
  return { visitorId, ...page, seconds: Math.max(0, Math.round((now - page.startedAt) / 1000)) };
}
