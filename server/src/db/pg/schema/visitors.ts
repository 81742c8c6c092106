import type { Cart, Device, Product } from '@mostrador/shared';
import type { Ga4Progress } from '@mostrador/shared/shop/cart';
import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMillis, rowId } from './columns.ts';
import { sites } from './sites.ts';

// Shoppers: who they are, where they went, what their cart held. Mirrors server/src/db/schema.ts; what each column means is said there.

export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    externalId: text('external_id').notNull(),
    name: text('name'),
    email: text('email'),
    createdAt: epochMillis('created_at').notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
  },
  (t) => [uniqueIndex('customers_site_external').on(t.siteId, t.externalId)],
);

export const visitors = pgTable(
  'visitors',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    tokenHash: text('token_hash').notNull().unique(),
    label: text('label').notNull(),
    createdAt: epochMillis('created_at').notNull(),
    lastSeenAt: epochMillis('last_seen_at').notNull(),
    visits: integer('visits').notNull().default(1),
    visitStartedAt: epochMillis('visit_started_at').notNull().default(0),
    customerId: text('customer_id').references(() => customers.id),
    claimedName: text('claimed_name'),
    claimedEmail: text('claimed_email'),
    device: jsonb('device').$type<Device>(),
    language: text('language'),
    timeZone: text('time_zone'),
  },
  (t) => [index('visitors_site').on(t.siteId), index('visitors_customer').on(t.customerId)],
);

export const pageViews = pgTable(
  'page_views',
  {
    id: rowId(),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    url: text('url').notNull(),
    title: text('title').notNull(),
    referrer: text('referrer').notNull(),
    product: jsonb('product').$type<Product>(),
    startedAt: epochMillis('started_at').notNull(),
    seconds: integer('seconds').notNull(),
  },
  (t) => [index('page_views_visitor').on(t.visitorId, t.startedAt), index('page_views_started').on(t.startedAt, t.visitorId)],
);

export const productCatalog = pgTable(
  'product_catalog',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    url: text('url').notNull(),
    name: text('name').notNull(),
    sku: text('sku'),
    price: doublePrecision('price'),
    currency: text('currency'),
    image: text('image'),
    lastSeenAt: epochMillis('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.url] }), index('product_catalog_recent').on(t.siteId, t.lastSeenAt)],
);

export const carts = pgTable('carts', {
  visitorId: text('visitor_id')
    .primaryKey()
    .references(() => visitors.id),
  cart: jsonb('cart').$type<Cart>().notNull(),
  stage: text('stage', { enum: ['browsing', 'checkout', 'purchase'] }).notNull(),
  /** How far the widget's GA4 events were read, and the purchases counted; null for carts read another way. */
  ga4: jsonb('ga4').$type<Ga4Progress>(),
  updatedAt: epochMillis('updated_at').notNull(),
});

export const cartEvents = pgTable(
  'cart_events',
  {
    id: rowId(),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id),
    at: epochMillis('at').notNull(),
    change: text('change', { enum: ['added', 'removed', 'quantity', 'checkout', 'purchase', 'cleared'] }).notNull(),
    itemName: text('item_name'),
    itemSku: text('item_sku'),
    qty: integer('qty'),
    /** SQLite's REAL is an 8-byte float; so is double precision (numeric would read back as a string). */
    total: doublePrecision('total').notNull(),
    currency: text('currency').notNull(),
    /** A purchase's order number (GA4's `transaction_id`), when the shop told it. */
    orderNumber: text('order_number'),
  },
  (t) => [
    index('cart_events_visitor').on(t.visitorId, t.at),
    index('cart_events_stage_at').on(t.at, t.visitorId).where(sql`change IN ('checkout', 'purchase')`),
  ],
);

export const visitorContacts = pgTable(
  'visitor_contacts',
  {
    visitorId: text('visitor_id')
      .primaryKey()
      .references(() => visitors.id),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    email: text('email').notNull(),
    name: text('name'),
    consentedAt: epochMillis('consented_at').notNull(),
  },
  (t) => [index('visitor_contacts_site').on(t.siteId)],
);
