import { expect } from 'vitest';
import type { PageViewed, Product } from '@mostrador/shared';
import { connectVisitorSession, SHOP_ORIGIN, visitorCommand, type TestServer, type VisitorSocket } from './harness.ts';
import { productMarkup } from './product-markup.ts';

/** A page of the test site's shop, its markup showing `shown` (null: a page with no product). */
export const shopPage = (path: string, shown: Product | null): PageViewed => ({
  url: `${SHOP_ORIGIN}${path}`,
  title: path,
  referrer: '',
  markup: productMarkup(shown),
});

/**
 * A shopper of the test site who went through these pages and then to the cart, so each product page ends and
 * is written (into the site's catalogue too); their socket joins `sockets`, to be closed after the test.
 */
export async function shopperThrough(server: TestServer, sockets: { push(socket: VisitorSocket): unknown }, ...pages: PageViewed[]) {
  const visitor = await connectVisitorSession(server);
  sockets.push(visitor.socket);
  for (const page of [...pages, shopPage('/cart', null)]) {
    expect(await visitorCommand(visitor.socket, 'page:viewed', page)).toMatchObject({ ok: true });
  }
  return visitor;
}
