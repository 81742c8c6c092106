import { describe, expect, it } from 'vitest';
import type { PageViewed, Product, ProductCard } from '@mostrador/shared';
import {
  agentCommand,
  connectAgentAs,
  connectVisitor,
  connected,
  nextFact,
  productMarkup,
  visitorCommand,
  sqlOn,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';
import { shopPage, shopperThrough as shopperThroughShop } from '../../testing/shop-pages.ts';
import { catalogUrl } from './activity.repository.ts';

const scope = serverPerTest();
const { sockets } = scope;

const product = (name: string, sku: string, price: number): Product => ({
  name,
  sku,
  price,
  currency: 'EUR',
  image: `https://cdn.shop.example/${sku}.jpg`,
  availability: 'in_stock',
});
const page = shopPage;
const shopperThrough = (...pages: PageViewed[]) => shopperThroughShop(scope.server, sockets, ...pages);

async function marta() {
  const socket = await connectAgentAs(scope.server, scope.server.agentEmail);
  sockets.push(socket);
  return socket;
}

const search = async (agent: Awaited<ReturnType<typeof marta>>, query: string) => {
  const answer = await agentCommand(agent, 'products:search', { query });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data.products;
};

const card = (path: string, shown: Product): ProductCard => ({
  name: shown.name,
  url: `https://shop.example${path}`,
  price: shown.price,
  currency: shown.currency,
  image: shown.image,
  sku: shown.sku,
});

describe("the site's product catalogue", () => {
  it('finds the products any shopper saw, by name or SKU, most recently seen first, as last seen', async () => {
    const agent = await marta();
    const hoodie = product('Dessuadora Cap de Creus', 'HOOD-M', 42);
    const backpack = product('Motxilla de lona', 'BAG-01', 59);
    await shopperThrough(page('/p/hoodie?utm_source=newsletter&fbclid=x1', hoodie));
    await shopperThrough(page('/p/backpack', backpack), page('/p/hoodie', { ...hoodie, price: 39 }));

    // Written with the page views, off the message path: found once the writer has flushed.
    await expect.poll(() => search(agent, 'hood')).toEqual([card('/p/hoodie', { ...hoodie, price: 39 })]);
    expect(await search(agent, 'bag-0')).toEqual([card('/p/backpack', backpack)]);
    // Kept by the day they were seen (never the moment, which would point back at one page view): the same day, any order.
    expect(await search(agent, 'de')).toEqual(
      expect.arrayContaining([card('/p/hoodie', { ...hoodie, price: 39 }), card('/p/backpack', backpack)]),
    );
    expect(await search(agent, 'de')).toHaveLength(2);
    const seen = await sqlOn(scope.server.app.engine).all<{ at: number }>('SELECT last_seen_at AS at FROM product_catalog');
    expect(seen.every(({ at }) => at % 86_400_000 === 0)).toBe(true);
    // The pattern's wildcards are the shopper's letters, not SQL's.
    expect(await search(agent, '%_')).toEqual([]);
    expect(await agentCommand(agent, 'products:search', { query: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it("never shows another site's products, and lets an agent send a card of one the shopper never viewed", async () => {
    const agent = await marta();
    const jersey = product('Jersei de llana', 'JER-L', 65);
    await shopperThrough(page('/p/jersei', jersey));
    await expect.poll(() => search(agent, 'jersei')).toHaveLength(1);

    // Another shop's shopper sees a product of the same name there.
    const other = await scope.server.app.services.sites.create({ name: 'Other shop', allowedOrigins: ['https://other.example'] });
    const stranger = connectVisitor(scope.server.url, { siteKey: other.key }, 'https://other.example');
    sockets.push(stranger);
    await connected(stranger);
    const foreign = { ...page('/p/jersei-vermell', product('Jersei vermell', 'RED-1', 10)), url: 'https://other.example/p/jersei-vermell' };
    await visitorCommand(stranger, 'page:viewed', foreign);
    await visitorCommand(stranger, 'page:viewed', { ...foreign, url: 'https://other.example/cart', markup: productMarkup(null) });
    const rows = () => sqlOn(scope.server.app.engine).value('SELECT count(*) FROM product_catalog');
    await expect.poll(rows).toBe(2);
    expect(await search(agent, 'jersei')).toEqual([card('/p/jersei', jersey)]);

    // A shopper who never opened the jersey's page gets its card, built from the catalogue.
    const shopper = await shopperThrough();
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'catalogue-msg-1', body: 'Busco un jersei' });
    if (!sent.ok) throw new Error(sent.error.message);
    const heard = nextFact<VisitorSocket, { event: { product?: ProductCard } }>(shopper.socket, 'message:created');
    const answer = await agentCommand(agent, 'message:send', {
      conversationId: sent.data.conversation.id,
      clientId: 'catalogue-card-1',
      body: 'Aquest?',
      product: { url: 'https://shop.example/p/jersei' },
    });
    expect(answer).toMatchObject({ ok: true, data: { event: { product: card('/p/jersei', jersey) } } });
    expect((await heard).event.product).toEqual(card('/p/jersei', jersey));
    // Not another site's, though its page is a real one.
    const refused = await agentCommand(agent, 'message:send', {
      conversationId: sent.data.conversation.id,
      clientId: 'catalogue-card-2',
      body: 'I aquest?',
      product: { url: 'https://other.example/p/jersei-vermell' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps one row per product page: only the parameters that name the product are part of its address', () => {
    expect(catalogUrl('https://shop.example/p/x?variant=7&utm_campaign=nadal&gclid=abc#reviews')).toBe(
      'https://shop.example/p/x?variant=7',
    );
    expect(catalogUrl('https://shop.example/p/x?email=anna%40example.cat&key=s3cr3t&_ss=r')).toBe('https://shop.example/p/x');
    expect(catalogUrl('https://shop.example/index.php?id_product=3&controller=product&token=abc')).toBe(
      'https://shop.example/index.php?id_product=3&controller=product',
    );
  });

  it('takes no product from a page on another origin than the one the widget connected from', async () => {
    const agent = await marta();
    const forged = { ...page('/p/free', product('Regal gratis', 'FREE', 0)), url: 'https://evil.example/p/free' };
    await shopperThrough(forged, page('/p/real', product('Gorra real', 'CAP-R', 15)));
    await expect.poll(() => search(agent, 'gorra')).toHaveLength(1);
    expect(await search(agent, 'regal')).toEqual([]);
  });
});
