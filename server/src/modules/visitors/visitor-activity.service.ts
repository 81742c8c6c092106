import {
  fail,
  ok,
  PROFILE_CART_HISTORY_MAX,
  PROFILE_CONVERSATIONS_MAX,
  PROFILE_FILES_MAX,
  PRODUCT_SEARCH_MAX,
  PROFILE_TRAIL_MAX,
  type AttachmentInfo,
  type CartSet,
  type CartTracked,
  type CartTrackedResult,
  type CartUpdated,
  type EarlierConversation,
  type LiveVisitor,
  type PageRecord,
  type PageRead,
  type PageViewed,
  type ProductCard,
  type Result,
  type VisitorIdentity,
  type VisitorProfile,
  type VisitorsChanged,
  type VisitInfo,
} from '@mostrador/shared';
import { webUrl } from '@mostrador/shared/shop';
import { readManualCart } from '@mostrador/shared/shop/manual';
import { productFromMarkup } from '@mostrador/shared/shop/product';
import { normalizeOrigin } from '../sites/index.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import type { TabFacts } from '../triggers/index.ts';
import type { ActivityRepository, CartRow } from './activity.repository.ts';
import { saveCartInTx, type NextCart } from './cart-write.ts';
import { LiveVisitors, type OpenPageView } from './live-visitors.ts';
import { PageViewWriter } from './page-view-writer.ts';
import { applyTracked } from './tracked-cart.ts';
import type { IdentifyClaim, IdentitySettings, VisitorsService } from './visitors.service.ts';
import type { VisitorRow } from './visitors.repository.ts';

/** Where the visitors module hears about, and tells of, things outside it. */
export interface VisitorActivityPorts {
  /** The visitor's open conversation, if any. */
  openConversationOf(siteId: string, visitorId: string): string | null;
  /** Conversations of these visitors of the site, newest first. */
  conversationsOf(siteId: string, visitorIds: readonly string[], limit: number): EarlierConversation[];
  /** Files sent in these visitors' conversations (theirs and the agents'), newest first. */
  filesOf(siteId: string, visitorIds: readonly string[], limit: number): AttachmentInfo[];
  /** Tells the consoles watching the site's live list. */
  listChanged(siteId: string, changes: VisitorsChanged): void;
  /** Whether any console follows this visitor's profile, and telling them. */
  hasFollowers(visitorId: string): boolean;
  profileChanged(profile: VisitorProfile): void;
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
  readonly #profilePushes = new Map<string, ReturnType<typeof setTimeout>>();
  #closed = false;

  constructor(
    private readonly visitors: VisitorsService,
    private readonly activity: ActivityRepository,
    private readonly groupCommit: GroupCommit,
    private readonly ports: VisitorActivityPorts,
    private readonly options: VisitorActivityOptions = DEFAULT_ACTIVITY_OPTIONS,
  ) {
    this.#live = new LiveVisitors({
      leaveGraceMs: options.leaveGraceMs,
      flushIntervalMs: options.listFlushMs,
      onChanges: (siteId, changes) => ports.listChanged(siteId, changes),
      onLeft: (siteId, visitorId, at) => {
        this.visitors.seen(siteId, visitorId, at);
        this.#pushProfile(siteId, visitorId);
        ports.visitorLeft(siteId, visitorId, at);
      },
    });
    this.#pageViews = new PageViewWriter(activity, groupCommit, options.pageViewFlushMs, ports.log);
  }

  /** A widget connected (a page load, or a reconnect); the caller has already looked up its open conversation. */
  connected(socketId: string, visitor: VisitorRow, openConversationId: string | null): void {
    if (this.#closed) return;
    const wasOnline = this.#live.isOnline(visitor.id);
    this.#live.connected(socketId, visitor.id, () => {
      const cart = this.activity.cartOf(visitor.siteId, visitor.id);
      return {
        id: visitor.id,
        siteId: visitor.siteId,
        label: visitor.label,
        identity: this.visitors.identityOf(visitor),
        visitStartedAt: visitor.visitStartedAt,
        returning: visitor.visits > 1,
        device: visitor.device ?? { type: 'desktop', os: null, browser: null },
        pagesViewed: this.activity.pageViewsSince(visitor.siteId, visitor.id, visitor.visitStartedAt),
        cart: cartSummary(cart),
        // A checkout left earlier counts from this page, not from when it began: the visitor just came back.
        ...triggerCart(cart && { ...cart, updatedAt: Date.now() }),
        conversationId: openConversationId,
        language: visitor.language,
        timeZone: visitor.timeZone,
      };
    });
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
      this.visitors.noteLocale(siteId, visitorId, { language, timeZone });
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
    if (!page.resumed && entry.checkoutSince !== null) this.#leftCheckout(siteId, visitorId);
    this.#pushProfile(siteId, visitorId);
    return ok({ product });
  }

  /**
   * A new page ends the checkout, as the widget's own cart did when it said
   * 'browsing' at each page load: a checkout page pushes `begin_checkout`
   * again, which the widget sends after this page on the same socket, so it
   * is written after this. The trigger rules, which read the tab when the
   * page is reported, see it at once; a purchase is not touched.
   */
  #leftCheckout(siteId: string, visitorId: string): void {
    this.#live.update(visitorId, { checkoutSince: null });
    this.#saveCart(siteId, visitorId, (before) => (before?.stage === 'checkout' ? { cart: before.cart, stage: 'browsing' } : null)).catch(
      this.ports.log,
    );
  }

  /** Persisted (with its history) before the ack, like everything the agent relies on. */
  async cartUpdated(siteId: string, visitorId: string, update: CartUpdated): Promise<Result<null>> {
    await this.#saveCart(siteId, visitorId, () => ({ cart: update.cart, stage: update.stage }));
    return ok(null);
  }

  /** `Mostrador('setCart', …)` as the shop called it: read here, and kept like any cart the widget reports. */
  async cartSet(siteId: string, visitorId: string, set: CartSet): Promise<Result<null>> {
    // The schema let through only JSON of an object; a page URL too long to be a link resolves no relative ones.
    const cart = readManualCart(JSON.parse(set.cart), webUrl(set.base) ?? undefined);
    if (!cart) return fail('invalid_payload', 'setCart needs {items, total, currency}');
    return this.cartUpdated(siteId, visitorId, { cart, stage: 'browsing', source: 'manual' });
  }

  /** The GA4 events a widget forwarded: the cart is read from them here, each entry once (see tracked-cart.ts). */
  async cartTracked(siteId: string, visitorId: string, tracked: CartTracked): Promise<Result<CartTrackedResult>> {
    let applied = 0;
    await this.#saveCart(siteId, visitorId, (before) => {
      const read = applyTracked(before, tracked);
      applied = read.applied;
      // Until an event names a currency there is no cart to keep, and nothing read that a resend could change.
      return read.state.cart && { cart: read.state.cart, stage: read.state.stage, ga4: read.progress };
    });
    return ok({ applied });
  }

  /** `next` reads the cart to keep from the stored one (see cart-write.ts); then the live list and the profile follow. */
  async #saveCart(siteId: string, visitorId: string, next: (before: CartRow | undefined) => NextCart | null): Promise<void> {
    const now = Date.now();
    const saved = await this.groupCommit.run(() => saveCartInTx(this.activity, siteId, visitorId, next, now));
    if (!saved) return;
    const entry = this.#live.get(visitorId);
    // Checkout began with this report, or earlier and it goes on.
    const since = entry?.checkoutSince != null && saved.stage === 'checkout' ? entry.checkoutSince : now;
    this.#live.update(visitorId, { cart: cartSummary(saved), ...triggerCart({ ...saved, updatedAt: since }) });
    this.#pushProfile(siteId, visitorId);
    if (saved.reached) this.ports.cartStageReached(siteId, visitorId, saved.reached, now);
  }

  identify(siteId: string, visitorId: string, site: IdentitySettings, claim: IdentifyClaim): Result<{ identity: VisitorIdentity }> {
    const visitor = this.visitors.byId(siteId, visitorId);
    if (!visitor) return fail('not_found', 'unknown visitor');
    const result = this.visitors.identifyCustomer(visitor, site, claim);
    if (!result.ok) return result;
    this.#live.update(visitorId, { identity: result.data });
    this.#pushProfile(siteId, visitorId);
    return ok({ identity: result.data });
  }

  /** A conversation of the visitor opened or closed. */
  conversationChanged(siteId: string, visitorId: string): void {
    if (this.#live.isOnline(visitorId)) {
      this.#live.update(visitorId, { conversationId: this.ports.openConversationOf(siteId, visitorId) });
    }
    this.#pushProfile(siteId, visitorId);
  }

  /**
   * What the trigger rules read about a tab and its visitor: its page, the
   * visit, the cart, whether a conversation is open. The visit's first page,
   * when asked for, is looked up once if this server did not see it (the
   * visitor came back after the list let it go, or the server restarted).
   */
  triggerFacts(socketId: string, visitorId: string, withLanding: boolean): TabFacts | null {
    const entry = this.#live.get(visitorId);
    if (!entry) return null;
    if (withLanding && entry.landing === undefined) {
      this.#live.noteLanding(visitorId, this.activity.firstPageSince(entry.siteId, visitorId, entry.visitStartedAt) ?? null);
    }
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
  whereabouts(siteId: string, visitorId: string): { siteId: string; label: string; online: boolean } | null {
    const visitor = this.visitors.byId(siteId, visitorId);
    return visitor ? { siteId: visitor.siteId, label: visitor.label, online: this.#live.isOnline(visitorId) } : null;
  }

  isOnline(visitorId: string): boolean {
    return this.#live.isOnline(visitorId);
  }

  liveList(siteId: string): LiveVisitor[] {
    return this.#live.list(siteId);
  }

  /**
   * A product the visitor saw, by its page's URL, as the side panel's trail
   * shows it (the agent picks from that trail): null when no page of the
   * trail with that URL showed a product, or the visitor is not the site's.
   */
  productSeen(siteId: string, visitorId: string, url: string): ProductCard | null {
    const visitor = this.visitors.byId(siteId, visitorId);
    if (!visitor) return null;
    const page = this.#trail(siteId, visitorId, this.visitors.devicesOf(visitor)).find((p) => p.url === url && p.product);
    // Not in the shopper's trail: a product of the site's catalogue (any visitor's pages) still makes a card.
    if (!page?.product) return this.activity.catalogProduct(siteId, url) ?? null;
    const { name, price, currency, image, sku } = page.product;
    return { name, url: page.url, price, currency, image, sku };
  }

  /** The site's products whose name or SKU holds the words, most recently seen first (pages still open or unwritten are not in it yet). */
  searchProducts(siteId: string, words: string): ProductCard[] {
    return this.activity.searchCatalog(siteId, words, PRODUCT_SEARCH_MAX);
  }

  /** The pages of the visitor's devices, newest first: the one open now, those not yet written, then the stored ones. */
  #trail(siteId: string, visitorId: string, devices: readonly string[]): PageRecord[] {
    const entry = this.#live.get(visitorId);
    const ended = [...this.#pageViews.pendingOf(devices), ...this.activity.recentPageViews(siteId, devices, PROFILE_TRAIL_MAX)]
      .sort((a, b) => b.startedAt - a.startedAt)
      .map(
        (v): PageRecord => ({ url: v.url, title: v.title, referrer: v.referrer, product: v.product, at: v.startedAt, seconds: v.seconds }),
      );
    const current: PageRecord[] = entry?.current ? [{ ...entry.current, at: entry.current.startedAt, seconds: null }] : [];
    return [...current, ...ended].slice(0, PROFILE_TRAIL_MAX);
  }

  /** The side panel's view of a visitor; only for agents of the visitor's site. */
  profile(visitorId: string, siteId: string): Result<VisitorProfile> {
    const visitor = this.visitors.byId(siteId, visitorId);
    if (!visitor) return fail('not_found', 'No such visitor');
    const entry = this.#live.get(visitorId);
    const devices = this.visitors.devicesOf(visitor);
    const trail = this.#trail(siteId, visitorId, devices);
    const cart = this.activity.cartOf(siteId, visitorId);
    return ok({
      id: visitor.id,
      label: visitor.label,
      identity: entry?.identity ?? this.visitors.identityOf(visitor),
      online: entry !== undefined,
      firstSeenAt: visitor.createdAt,
      lastSeenAt: visitor.lastSeenAt,
      visits: visitor.visits,
      device: visitor.device,
      language: entry?.language ?? visitor.language,
      timeZone: entry?.timeZone ?? visitor.timeZone,
      trail,
      cart: cart && cart.stage !== 'purchase' ? cart.cart : null,
      cartStage: cart?.stage ?? null,
      cartHistory: this.activity.cartHistory(siteId, visitorId, PROFILE_CART_HISTORY_MAX),
      conversations: this.ports.conversationsOf(siteId, devices, PROFILE_CONVERSATIONS_MAX),
      files: this.ports.filesOf(siteId, devices, PROFILE_FILES_MAX),
    });
  }

  /**
   * Erased visitors: off the live list (consoles hear only that they left),
   * their unwritten pages and pending profile pushes dropped. Call after
   * their sockets are closed, since closing a tab ends its page.
   */
  forget(visitorIds: readonly string[]): void {
    this.#pageViews.drop(visitorIds);
    for (const id of visitorIds) {
      this.#live.forget(id);
      clearTimeout(this.#profilePushes.get(id));
      this.#profilePushes.delete(id);
    }
  }

  /** Shutdown: every page still open becomes a trail entry now, and nothing more is recorded. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#profilePushes.values()) clearTimeout(timer);
    const now = Date.now();
    this.#pageViews.writeNow(this.#live.drain().map(({ visitorId, page }) => ended(visitorId, page, now)));
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
      const profile = this.profile(visitorId, siteId);
      if (profile.ok) this.ports.profileChanged(profile.data);
    }, this.options.profilePushMs);
    this.#profilePushes.set(visitorId, timer);
  }
}

function ended(visitorId: string, { since: _since, ...page }: OpenPageView, now: number) {
  return { visitorId, ...page, seconds: Math.max(0, Math.round((now - page.startedAt) / 1000)) };
}

function cartSummary(row: Pick<CartRow, 'cart' | 'stage'> | undefined): LiveVisitor['cart'] {
  if (!row || row.stage === 'purchase' || row.cart.items.length === 0) return null;
  const items = row.cart.items.reduce((sum, item) => sum + item.qty, 0);
  return { total: row.cart.total, currency: row.cart.currency, items };
}

/** What the trigger rules read of a stored cart beyond the summary: its SKUs, and since when it is in checkout. */
function triggerCart(row: Pick<CartRow, 'cart' | 'stage' | 'updatedAt'> | undefined) {
  const live = row && row.stage !== 'purchase';
  return {
    cartSkus: live ? row.cart.items.flatMap((item) => item.sku ?? []) : [],
    checkoutSince: live && row.stage === 'checkout' ? row.updatedAt : null,
  };
}
