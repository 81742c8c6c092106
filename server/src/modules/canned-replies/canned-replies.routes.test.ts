import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CannedCreateInput } from '@mostrador/shared';
import type { App } from '../../app.ts';
import { buildTestApp, siteWithAdminAndAgent } from '../../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let plain: Record<string, string>;
let siteId: string;

const shipping: CannedCreateInput = {
  shortcut: 'Enviament',
  title: 'Shipping times',
  scope: 'shared',
  bodies: { ca: 'Arriba en 48 h, {{visitor.first_name|}}.', es: 'Llega en 48 h.', en: 'It arrives within 48 h.' },
};

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  const made = await siteWithAdminAndAgent(app);
  ({ admin, plain } = made);
  siteId = made.site.id;
});
afterEach(() => cleanup());

const list = async (cookies: Record<string, string>, all = false) =>
  (await app.inject({ method: 'GET', url: `/api/canned-replies${all ? '?all=1' : ''}`, cookies })).json() as {
    replies: Array<{ id: string; shortcut: string; scope: string }>;
    shopName: string;
  };

describe('canned replies API', () => {
  it('lets admins write the team’s replies and every agent use them, with the shop’s name', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/canned-replies', cookies: admin, payload: shipping });
    expect(created.statusCode).toBe(201);
    expect(created.json().reply).toMatchObject({ shortcut: 'enviament', scope: 'shared', departmentId: null });
    expect(await list(plain)).toEqual({ replies: [expect.objectContaining({ shortcut: 'enviament' })], shopName: 'Shop' });

    const refused = await app.inject({
      method: 'POST',
      url: '/api/canned-replies',
      cookies: plain,
      payload: { ...shipping, shortcut: 'x' },
    });
    expect(refused.statusCode).toBe(403);
    const id = created.json().reply.id as string;
    const edit = await app.inject({ method: 'PATCH', url: `/api/canned-replies/${id}`, cookies: plain, payload: { title: 'Mine now' } });
    expect(edit.statusCode).toBe(403);
    expect((await list(admin)).replies.map((r) => r.shortcut)).toEqual(['enviament']);
  });

  it('keeps personal replies to their owner: a colleague’s id answers like a missing one', async () => {
    const mine = await app.inject({
      method: 'POST',
      url: '/api/canned-replies',
      cookies: plain,
      payload: { ...shipping, scope: 'personal' },
    });
    expect(mine.statusCode).toBe(201);
    const id = mine.json().reply.id as string;
    expect((await list(admin, true)).replies).toEqual([]);
    for (const [method, payload] of [
      ['PATCH', { title: 'x' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await app.inject({ method, url: `/api/canned-replies/${id}`, cookies: admin, ...(payload ? { payload } : {}) });
      expect(res.statusCode).toBe(404);
    }
    expect((await list(plain)).replies.map((r) => r.id)).toEqual([id]);
    expect((await app.inject({ method: 'DELETE', url: `/api/canned-replies/${id}`, cookies: plain })).statusCode).toBe(204);
    expect((await list(plain)).replies).toEqual([]);
  });

  it('never shows another site’s replies, nor lets it edit them', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/canned-replies', cookies: admin, payload: shipping });
    const id = created.json().reply.id as string;
    const other = await app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
    await app.services.agents.create({
      siteId: other.id,
      email: 'boss@other.example',
      name: 'Boss',
      role: 'admin',
      password: 'other-pass',
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'boss@other.example', password: 'other-pass' },
    });
    const foreign = { mostrador_session: login.cookies.find((c) => c.name === 'mostrador_session')!.value };
    expect(await list(foreign, true)).toEqual({ replies: [], shopName: 'Other' });
    const res = await app.inject({ method: 'PATCH', url: `/api/canned-replies/${id}`, cookies: foreign, payload: { title: 'Stolen' } });
    expect(res.statusCode).toBe(404);
    expect((await list(admin)).replies).toEqual([expect.objectContaining({ id, shortcut: 'enviament' })]);
  });

  it('offers a department’s reply only to that department’s agents', async () => {
    const sales = await app.services.departments.create(siteId, { slug: 'sales', name: 'Sales', routing: 'auto' });
    if (!sales.ok) throw new Error('department');
    const created = await app.inject({
      method: 'POST',
      url: '/api/canned-replies',
      cookies: admin,
      payload: { ...shipping, departmentId: sales.data.id },
    });
    expect(created.json().reply.departmentId).toBe(sales.data.id);
    expect((await list(plain)).replies).toEqual([]);
    const plainId = app.services.agents.list(siteId).find((a) => a.email === 'plain@shop.example')!.id;
    await app.services.departments.setMemberships(siteId, plainId, [sales.data.id]);
    expect((await list(plain)).replies.map((r) => r.shortcut)).toEqual(['enviament']);
  });

  it('refuses a taken shortcut and a reply with no version at all', async () => {
    await app.inject({ method: 'POST', url: '/api/canned-replies', cookies: admin, payload: shipping });
    const twice = await app.inject({ method: 'POST', url: '/api/canned-replies', cookies: admin, payload: shipping });
    expect(twice.statusCode).toBe(409);
    const empty = await app.inject({
      method: 'POST',
      url: '/api/canned-replies',
      cookies: admin,
      payload: { ...shipping, shortcut: 'buit', bodies: { ca: ' ', es: '', en: '' } },
    });
    expect(empty.statusCode).toBe(400);
    expect((await list(admin)).replies).toHaveLength(1);
  });

  it('exports CSV and imports it back, naming the lines it refused', async () => {
    await app.inject({ method: 'POST', url: '/api/canned-replies', cookies: admin, payload: shipping });
    await app.inject({
      method: 'POST',
      url: '/api/canned-replies',
      cookies: admin,
      payload: { ...shipping, shortcut: 'talla', title: '=Sizes, "EU"', bodies: { ca: 'Línia 1\nLínia 2', es: '', en: '' } },
    });
    const exported = await app.inject({ method: 'GET', url: '/api/admin/canned-replies/export', cookies: admin });
    const { csv: file } = exported.json() as { csv: string };
    expect(file.split('\r\n')[0]).toBe('shortcut,title,scope,department,ca,es,en,product');
    expect((await app.inject({ method: 'GET', url: '/api/admin/canned-replies/export', cookies: plain })).statusCode).toBe(403);

    const [kept, ...others] = (await list(admin)).replies;
    for (const reply of others) await app.inject({ method: 'DELETE', url: `/api/canned-replies/${reply.id}`, cookies: admin });
    const csv = `${file}bad shortcut!,x,shared,,a,b,c\r\nok,x,shared,nowhere,a,,\r\n`;
    const imported = await app.inject({ method: 'POST', url: '/api/admin/canned-replies/import', cookies: admin, payload: { csv } });
    expect(imported.statusCode).toBe(200);
    // /enviament was kept, so its line is refused alone as a duplicate; the rest still go in.
    expect(kept!.shortcut).toBe('enviament');
    expect(imported.json()).toEqual({
      added: 1,
      refused: [
        { line: 2, message: 'A reply "/enviament" already exists' },
        { line: 5, message: expect.stringContaining('shortcut') },
        { line: 6, message: 'No department "nowhere"' },
      ],
    });
    const back = await app.inject({ method: 'GET', url: '/api/canned-replies', cookies: admin });
    expect(back.json().replies.map((r: { title: string; bodies: { ca: string } }) => [r.title, r.bodies.ca])).toEqual([
      ['Shipping times', shipping.bodies.ca],
      ['=Sizes, "EU"', 'Línia 1\nLínia 2'],
    ]);
  });
});
