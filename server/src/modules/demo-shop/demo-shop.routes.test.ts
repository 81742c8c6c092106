import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { productFromMarkup } from '@mostrador/shared/shop/product';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../testing/harness.ts';
import { DEMO_PRODUCTS } from './catalog.ts';
import { DEMO_AGENT_EMAIL, seedDemo } from './demo-seed.ts';

let app: App;
let cleanup: () => Promise<void>;
/** Where the demo shop is reached (PUBLIC_URL), as the pages below are asked for. */
const SHOP = 'http://shop.test';

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
});
afterEach(() => cleanup());

describe('demo seed', () => {
  it('creates the demo site and its agent once, and never again', async () => {
    const first = await seedDemo(app.services, { shopUrl: SHOP, password: 'first-run-pass' });
    expect(first.password).toBe('first-run-pass');
    expect(first.site.allowedOrigins).toEqual(['self']);
    const second = await seedDemo(app.services, { shopUrl: SHOP });
    expect(second.site.id).toBe(first.site.id);
    expect(second.password).toBeNull();
    const seeded = await app.services.agents.withCredentials(first.email, 'first-run-pass');
    const login = seeded ? await app.services.agents.authenticated(seeded.id, 'no-session') : null;
    expect(login?.profile.role).toBe('admin');
    expect(
      app.services.departments
        .list(first.site.id)
        .map((d) => d.slug)
        .sort(),
    ).toEqual(['comandes', 'vendes']);
    expect(login?.profile.departmentIds).toHaveLength(2);
  });

  it('gives the demo team canned replies in three languages and tags, once', async () => {
    const { site } = await seedDemo(app.services, { shopUrl: SHOP, password: 'first-run-pass' });
    await seedDemo(app.services, { shopUrl: SHOP });
    const agent = await app.services.agents.withCredentials(DEMO_AGENT_EMAIL, 'first-run-pass');
    const actor = { siteId: site.id, agentId: agent?.id ?? '', role: 'agent' as const, departmentIds: [] };
    const replies = await app.services.canned.usable(actor);
    expect(replies.map((r) => r.shortcut).sort()).toEqual(['cistella', 'devolucio', 'enviament', 'hola', 'motxilla']);
    for (const reply of replies) {
      expect(reply.ownerId).toBeNull();
      expect(Object.values(reply.bodies).every((body) => body.trim() !== '')).toBe(true);
    }
    expect((await app.services.tags.list(site.id)).map((t) => t.name).sort()).toEqual(['devolució', 'enviament', 'talla', 'venda']);
  });

  it('gives /motxilla the backpack’s card, from the catalogue the seed stocks as the shop’s own page shows it', async () => {
    const { site } = await seedDemo(app.services, { shopUrl: SHOP, password: 'first-run-pass' });
    const agent = await app.services.agents.withCredentials(DEMO_AGENT_EMAIL, 'first-run-pass');
    const actor = { siteId: site.id, agentId: agent?.id ?? '', role: 'agent' as const, departmentIds: [] };
    const shown = await app.services.canned.present(site.id, await app.services.canned.usable(actor));
    const backpack = shown.find((reply) => reply.shortcut === 'motxilla');
    expect(backpack?.productUrl).toBe(`${SHOP}/shop/products/motxilla-de-lona`);
    // The card a shopper's browser would report from that page: its schema.org data, read as the server reads it.
    const page = await app.inject({ method: 'GET', url: '/shop/products/motxilla-de-lona', headers: { host: 'shop.test' } });
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)?.[1] ?? '';
    const read = productFromMarkup({ jsonLd: [jsonLd], meta: {} }, backpack?.productUrl ?? '');
    expect(read).not.toBeNull();
    const { availability: _availability, ...card } = read!;
    expect(backpack?.product).toEqual({ ...card, url: `${SHOP}/shop/products/motxilla-de-lona` });
    // The replies with no product carry none.
    expect(shown.filter((reply) => reply.product).map((reply) => reply.shortcut)).toEqual(['motxilla']);
  });
});

describe('demo shop pages', () => {
  it('asks for the seed before serving pages', async () => {
    expect((await app.inject({ method: 'GET', url: '/shop/' })).statusCode).toBe(503);
  });

  it('lists the products, and each page carries exactly the merchant’s one script tag under a strict CSP', async () => {
    const { site } = await seedDemo(app.services, { shopUrl: SHOP, password: 'x-pass-123' });
    const tag = `<script async src="http://shop.test/widget.js" data-site="${site.key}"></script>`;
    const urls = ['/shop/', '/shop/cart', '/shop/checkout', ...DEMO_PRODUCTS.map((p) => `/shop/products/${p.slug}`)];
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url, headers: { host: 'shop.test' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body.split(tag)).toHaveLength(2);
      expect(res.body.match(/widget\.js/g)).toHaveLength(1);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
    const list = await app.inject({ method: 'GET', url: '/shop/' });
    for (const product of DEMO_PRODUCTS) expect(list.body).toContain(`/shop/products/${product.slug}`);
  });

  it('publishes schema.org Product data on product pages', async () => {
    await seedDemo(app.services, { shopUrl: SHOP, password: 'x-pass-123' });
    const product = DEMO_PRODUCTS[0]!;
    const res = await app.inject({ method: 'GET', url: `/shop/products/${product.slug}` });
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.body)?.[1];
    expect(JSON.parse(json ?? '{}')).toMatchObject({ '@type': 'Product', sku: product.sku, name: product.name });
  });

  it('answers 404 for an unknown product', async () => {
    await seedDemo(app.services, { shopUrl: SHOP, password: 'x-pass-123' });
    const res = await app.inject({ method: 'GET', url: '/shop/products/nope' });
    expect(res.statusCode).toBe(404);
  });
});
