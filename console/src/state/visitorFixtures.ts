import type { CartChange, LiveVisitor, PageRecord, VisitorProfile } from '@mostrador/shared';

/** Builders for visitors, their pages and carts, shared by the console's tests. */

const hoodie = {
  name: 'Hoodie M',
  sku: 'HOOD-M',
  price: 42,
  currency: 'EUR',
  image: 'https://shop.test/img/hoodie.jpg',
  availability: 'in_stock' as const,
};

export function page(overrides: Partial<PageRecord> = {}): PageRecord {
  return {
    url: 'https://shop.test/',
    title: 'Home',
    referrer: '',
    product: null,
    at: 1_000,
    seconds: 30,
    ...overrides,
  };
}

export function cartChange(overrides: Partial<CartChange> & Pick<CartChange, 'change'>): CartChange {
  return { at: 1_000, item: null, qty: null, total: 0, currency: 'EUR', ...overrides };
}

/** Laia, on the hoodie's page with two in her cart: a returning, unverified visitor. */
export function profile(overrides: Partial<VisitorProfile> = {}): VisitorProfile {
  return {
    id: 'vis_one',
    label: 'Visitor 1',
    identity: { customerId: null, name: 'Laia', email: 'laia@example.test', verified: false },
    online: true,
    firstSeenAt: 1_000,
    lastSeenAt: 9_000,
    visits: 3,
    device: { type: 'mobile', os: 'iOS', browser: 'Safari 18' },
    language: 'ca-ES',
    timeZone: 'Europe/Madrid',
    trail: [
      page({ url: 'https://shop.test/p/hoodie', title: 'Hoodie', product: hoodie, at: 8_000, seconds: null }),
      page({ url: 'https://shop.test/c/new', title: 'New arrivals', at: 7_000, seconds: 125 }),
      page({ url: 'https://shop.test/', title: 'Home', at: 6_000, seconds: 40 }),
    ],
    cart: {
      items: [{ sku: 'HOOD-M', name: 'Hoodie M', qty: 2, price: 42, url: 'https://shop.test/p/hoodie', image: hoodie.image }],
      total: 84,
      currency: 'EUR',
    },
    cartStage: 'browsing',
    cartHistory: [
      cartChange({ change: 'quantity', item: { name: 'Hoodie M', sku: 'HOOD-M' }, qty: 2, total: 84, at: 7_500 }),
      cartChange({ change: 'added', item: { name: 'Hoodie M', sku: 'HOOD-M' }, qty: 1, total: 42, at: 7_000 }),
    ],
    lastOrder: null,
    conversations: [],
    files: [],
    ...overrides,
  };
}

export function liveVisitor(overrides: Partial<LiveVisitor> & Pick<LiveVisitor, 'id'>): LiveVisitor {
  return {
    label: `Visitor ${overrides.id}`,
    identity: { customerId: null, name: null, email: null, verified: false },
    page: { url: 'https://shop.test/', title: 'Home', product: null },
    visitStartedAt: 0,
    pagesViewed: 1,
    cart: null,
    conversationId: null,
    returning: false,
    device: { type: 'desktop', os: 'Windows', browser: 'Firefox 133' },
    ...overrides,
  };
}
