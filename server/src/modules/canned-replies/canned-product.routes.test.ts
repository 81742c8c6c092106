import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CannedCreateInput, CannedReply, ProductCard } from '@mostrador/shared';
import type { App } from '../../app.ts';
import { buildTestApp, siteWithAdminAndAgent } from '../../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let plain: Record<string, string>;

const BACKPACK: ProductCard = {
  name: 'Motxilla de lona',
  url: 'https://shop.example/p/motxilla?variant=3',
  price: 119,
  currency: 'EUR',
  image: 'https://shop.example/img/motxilla.svg',
  sku: 'BAG-CNV-BLU',
};
/** A real product page, of another site's catalogue. */
const FOREIGN = 'https://other.example/p/jersei';
const UNKNOWN = 'https://shop.example/p/never-shown';

const reply: CannedCreateInput = {
  shortcut: 'motxilla',
  title: 'La motxilla',
  scope: 'shared',
  bodies: { ca: 'Aquesta és la motxilla.', es: '', en: '' },
};

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  const made = await siteWithAdminAndAgent(app);
  ({ admin, plain } = made);
  await app.services.catalog.stock(made.site.id, [BACKPACK]);
  const other = await app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
  await app.services.catalog.stock(other.id, [{ ...BACKPACK, name: 'Jersei', url: FOREIGN }]);
});
afterEach(() => cleanup());

const send = (cookies: Record<string, string>, method: 'POST' | 'PATCH', url: string, payload: unknown) =>
  app.inject({ method, url, cookies, payload: payload as Record<string, unknown> });
const replies = async (cookies: Record<string, string>) =>
  ((await app.inject({ method: 'GET', url: '/api/canned-replies', cookies })).json() as { replies: CannedReply[] }).replies;

describe('a canned reply’s product', () => {
  it('is a product of the site’s catalogue, kept by its page’s URL there and shown with its card', async () => {
    // Given with a campaign parameter, as an agent may copy a link: kept as the catalogue names the page.
    const created = await send(admin, 'POST', '/api/canned-replies', { ...reply, productUrl: `${BACKPACK.url}&utm_source=mail` });
    expect(created.statusCode).toBe(201);
    expect(created.json().reply).toMatchObject({ shortcut: 'motxilla', productUrl: BACKPACK.url, product: BACKPACK });
    // Every agent who may use it sees its card; so do the admin's list and a personal reply of a plain agent.
    expect(await replies(plain)).toEqual([expect.objectContaining({ productUrl: BACKPACK.url, product: BACKPACK })]);
    const mine = await send(plain, 'POST', '/api/canned-replies', { ...reply, scope: 'personal', productUrl: BACKPACK.url });
    expect(mine.json().reply).toMatchObject({ scope: 'personal', product: BACKPACK });

    // Changed, kept when not named, and removed with null.
    const id = created.json().reply.id as string;
    expect((await send(admin, 'PATCH', `/api/canned-replies/${id}`, { title: 'Renamed' })).json().reply).toMatchObject({
      title: 'Renamed',
      product: BACKPACK,
    });
    const removed = await send(admin, 'PATCH', `/api/canned-replies/${id}`, { productUrl: null });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().reply).not.toHaveProperty('product');
    expect(removed.json().reply).not.toHaveProperty('productUrl');
    const again = await send(admin, 'PATCH', `/api/canned-replies/${id}`, { productUrl: BACKPACK.url });
    expect(again.json().reply).toMatchObject({ productUrl: BACKPACK.url, product: BACKPACK });
  });

  it('refuses another site’s product exactly like one no page has shown, and writes nothing', async () => {
    const foreign = await send(admin, 'POST', '/api/canned-replies', { ...reply, productUrl: FOREIGN });
    const unknown = await send(admin, 'POST', '/api/canned-replies', { ...reply, productUrl: UNKNOWN });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(unknown.json());
    expect(foreign.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(await replies(admin)).toEqual([]);

    const created = await send(admin, 'POST', '/api/canned-replies', reply);
    const id = created.json().reply.id as string;
    const patches = [FOREIGN, UNKNOWN].map((productUrl) =>
      send(admin, 'PATCH', `/api/canned-replies/${id}`, { title: 'Changed', productUrl }),
    );
    const [foreignPatch, unknownPatch] = await Promise.all(patches);
    expect(foreignPatch!.statusCode).toBe(404);
    expect(foreignPatch!.json()).toEqual(unknownPatch!.json());
    expect(await replies(admin)).toEqual([created.json().reply]);
    // Not a web page at all: the contract refuses it.
    expect((await send(admin, 'PATCH', `/api/canned-replies/${id}`, { productUrl: 'javascript:alert(1)' })).statusCode).toBe(400);
  });

  it('goes through CSV as a `product` column, and a file without that column imports as before', async () => {
    await send(admin, 'POST', '/api/canned-replies', { ...reply, productUrl: BACKPACK.url });
    const { csv } = (await app.inject({ method: 'GET', url: '/api/admin/canned-replies/export', cookies: admin })).json() as {
      csv: string;
    };
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      'shortcut,title,scope,department,ca,es,en,product',
      `motxilla,La motxilla,shared,,Aquesta és la motxilla.,,,${BACKPACK.url}`,
    ]);
    const imported = await app.inject({
      method: 'POST',
      url: '/api/admin/canned-replies/import',
      cookies: admin,
      payload: {
        csv: `${csv.replace('motxilla,La motxilla', 'bossa,La bossa')}lluny,Lluny,shared,,Un altre,,,${FOREIGN}\r\nbuida,Sense,shared,,Res,,,\r\n`,
      },
    });
    expect(imported.json()).toEqual({ added: 2, refused: [{ line: 3, message: 'No such product in the shop’s catalogue' }] });
    // A file from before the column: the replies come in without a product.
    const old = 'shortcut,title,scope,department,ca,es,en\r\nvell,Vell,shared,,Hola,,\r\n';
    const before = await app.inject({ method: 'POST', url: '/api/admin/canned-replies/import', cookies: admin, payload: { csv: old } });
    expect(before.json()).toEqual({ added: 1, refused: [] });
    const byShortcut = Object.fromEntries((await replies(admin)).map((r) => [r.shortcut, r.product?.name ?? null]));
    expect(byShortcut).toEqual({ bossa: BACKPACK.name, buida: null, motxilla: BACKPACK.name, vell: null });
  });
});
