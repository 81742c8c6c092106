import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { serverOriginOf, type SitesService } from '../sites/index.ts';
import { DEMO_PRODUCTS, productBySlug } from './catalog.ts';
import { cartPage, checkoutPage, FAVICON, listPage, productImage, productPage, type PageContext } from './pages.ts';

export interface DemoShopOptions {
  sites: SitesService;
  trustProxy: boolean;
}

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');

/**
 * A strict policy, the kind a careful shop sends: no inline script, no eval.
 * The widget must work under it.
 */
const SHOP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The demo shop served at /shop/: plain HTML pages whose only chat code is the merchant's script tag. */
export const demoShopRoutes: FastifyPluginAsync<DemoShopOptions> = async (app, { sites, trustProxy }) => {
  const shopJs = readFileSync(join(PUBLIC_DIR, 'shop.js'));
  const shopCss = readFileSync(join(PUBLIC_DIR, 'shop.css'));

  function context(request: FastifyRequest): PageContext | null {
    const site = sites.demoSite();
    return site ? { chatOrigin: serverOriginOf(request.headers, trustProxy), siteKey: site.key } : null;
  }

  function html(reply: FastifyReply, page: string) {
    return (
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', SHOP_CSP)
        // A shop's own choice, not the desk's no-referrer: the widget shows agents where shoppers came from.
        .header('referrer-policy', 'strict-origin-when-cross-origin')
        .header('cache-control', 'no-cache')
        .send(page)
    );
  }

  const notSeeded = (reply: FastifyReply) =>
    reply.status(503).send({ error: { code: 'internal', message: 'The demo shop is not seeded' } });

  app.get('/', async (_request, reply) => reply.redirect('/shop/'));
  app.get('/shop', async (_request, reply) => reply.redirect('/shop/'));

  app.get('/shop/', async (request, reply) => {
    const ctx = context(request);
    return ctx ? html(reply, listPage(ctx)) : notSeeded(reply);
  });

  app.get<{ Params: { slug: string } }>('/shop/products/:slug', async (request, reply) => {
    const product = productBySlug(request.params.slug);
    if (!product) return reply.callNotFound();
    const ctx = context(request);
    return ctx ? html(reply, productPage(ctx, product)) : notSeeded(reply);
  });

  app.get('/shop/cart', async (request, reply) => {
    const ctx = context(request);
    return ctx ? html(reply, cartPage(ctx)) : notSeeded(reply);
  });

  app.get('/shop/checkout', async (request, reply) => {
    const ctx = context(request);
    return ctx ? html(reply, checkoutPage(ctx)) : notSeeded(reply);
  });

  app.get('/shop/shop.js', async (_request, reply) => reply.header('content-type', 'text/javascript; charset=utf-8').send(shopJs));
  app.get('/shop/shop.css', async (_request, reply) => reply.header('content-type', 'text/css; charset=utf-8').send(shopCss));

  app.get('/shop/favicon.svg', async (_request, reply) =>
    reply.header('content-type', 'image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON),
  );

  for (const product of DEMO_PRODUCTS) {
    const svg = productImage(product);
    app.get(`/shop/img/${product.slug}.svg`, async (_request, reply) =>
      reply.header('content-type', 'image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg),
    );
  }
};
