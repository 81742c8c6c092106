import {
  fail,
  ok,
  PROFILE_CART_HISTORY_MAX,
  PROFILE_CONVERSATIONS_MAX,
  PROFILE_FILES_MAX,
  PROFILE_TRAIL_MAX,
  type AttachmentInfo,
  type CartChange,
  type EarlierConversation,
  type LastOrder,
  type PageRecord,
  type ProductCard,
  type Result,
  type VisitorProfile,
} from '@mostrador/shared';
import type { ActivityRepository } from './activity.repository.ts';
import type { LiveVisitors } from './live-visitors.ts';
import type { PageViewWriter } from './page-view-writer.ts';
import type { VisitorsService } from './visitors.service.ts';

/** Where a profile finds what other modules keep about the visitor. */
export interface ProfilePorts {
  /** Conversations of these visitors of the site, newest first. */
  conversationsOf(siteId: string, visitorIds: readonly string[], limit: number): Promise<EarlierConversation[]>;
  /** Files sent in these visitors' conversations (theirs and the agents'), newest first. */
  filesOf(siteId: string, visitorIds: readonly string[], limit: number): Promise<AttachmentInfo[]>;
}

/**
 * The agent's side panel on a visitor: the trail of pages across the
 * visitor's devices (the open page, those not yet written, then the stored
 * ones), the cart and its history, the last order, earlier chats and files.
 */
export class VisitorProfiles {
  constructor(
    private readonly visitors: VisitorsService,
    private readonly activity: ActivityRepository,
    private readonly live: LiveVisitors,
    private readonly pageViews: PageViewWriter,
    private readonly ports: ProfilePorts,
  ) {}

  /**
   * A product the visitor saw, by its page's URL, as the side panel's trail
   * shows it (the agent picks from that trail): null when no page of the
   * trail with that URL showed a product, or the visitor is not the site's.
   */
  async productSeen(siteId: string, visitorId: string, url: string): Promise<ProductCard | null> {
    const visitor = await this.visitors.byId(siteId, visitorId);
    if (!visitor) return null;
    const trail = await this.#trail(siteId, visitorId, await this.visitors.devicesOf(visitor));
    const page = trail.find((p) => p.url === url && p.product);
    // Not in the shopper's trail: a product of the site's catalogue (any visitor's pages) still makes a card.
    if (!page?.product) return (await this.activity.catalogProducts(siteId, [url]))[0] ?? null;
    const { name, price, currency, image, sku } = page.product;
    return { name, url: page.url, price, currency, image, sku };
  }

  /** The pages of the visitor's devices, newest first: the one open now, those not yet written, then the stored ones. */
  async #trail(siteId: string, visitorId: string, devices: readonly string[]): Promise<PageRecord[]> {
    // Unwritten first: a view committed while the stored ones are read is then in both, and kept once.
    const pending = this.pageViews.pendingOf(devices);
    const stored = await this.activity.recentPageViews(siteId, devices, PROFILE_TRAIL_MAX);
    const storedKeys = new Set(stored.map(viewKey));
    const entry = this.live.get(visitorId);
    const ended = [...pending.filter((v) => !storedKeys.has(viewKey(v))), ...stored]
      .sort((a, b) => b.startedAt - a.startedAt)
      .map(
        (v): PageRecord => ({ url: v.url, title: v.title, referrer: v.referrer, product: v.product, at: v.startedAt, seconds: v.seconds }),
      );
    const current: PageRecord[] = entry?.current ? [{ ...entry.current, at: entry.current.startedAt, seconds: null }] : [];
    return [...current, ...ended].slice(0, PROFILE_TRAIL_MAX);
  }

  /** The side panel's view of a visitor; only for agents of the visitor's site. */
  async profile(visitorId: string, siteId: string): Promise<Result<VisitorProfile>> {
    const visitor = await this.visitors.byId(siteId, visitorId);
    if (!visitor) return fail('not_found', 'No such visitor');
    const devices = await this.visitors.devicesOf(visitor);
    const [trail, cart, history, conversations, files, identity] = await Promise.all([
      this.#trail(siteId, visitorId, devices),
      this.activity.cartOf(siteId, visitorId),
      this.activity.cartHistory(siteId, visitorId, PROFILE_CART_HISTORY_MAX),
      this.ports.conversationsOf(siteId, devices, PROFILE_CONVERSATIONS_MAX),
      this.ports.filesOf(siteId, devices, PROFILE_FILES_MAX),
      this.live.get(visitorId)?.identity ?? this.visitors.identityOf(visitor),
    ]);
    // Read once the reads are back, so the profile shows the visitor as listed now.
    const entry = this.live.get(visitorId);
    return ok({
      id: visitor.id,
      label: visitor.label,
      identity: entry?.identity ?? identity,
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
      cartHistory: history.changes,
      lastOrder: lastOrderOf(history.lastPurchase),
      conversations,
      files,
    });
  }
}

/** The order the panel and the `{{order.number}}` placeholder tell of: the newest purchase of the cart history. */
function lastOrderOf(purchase: CartChange | null): LastOrder | null {
  return purchase && { number: purchase.order ?? null, at: purchase.at, total: purchase.total, currency: purchase.currency };
}

const viewKey = (v: { visitorId: string; startedAt: number; url: string }) => `${v.visitorId} ${v.startedAt} ${v.url}`;
