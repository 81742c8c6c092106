import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp, siteWithAdminAndAgent } from '../../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let plain: Record<string, string>;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  ({ admin, plain } = await siteWithAdminAndAgent(app));
});

afterEach(() => cleanup());

describe('admin pages API', () => {
  it('is for admins only', async () => {
    for (const url of ['/api/admin/agents', '/api/admin/departments', '/api/admin/site']) {
      expect((await app.inject({ method: 'GET', url, cookies: plain })).statusCode, url).toBe(403);
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });

  it('creates departments and agents in them, with capacity, and never shows a password hash', async () => {
    const dep = await app.inject({
      method: 'POST',
      url: '/api/admin/departments',
      cookies: admin,
      payload: { slug: 'sales', name: 'Vendes', routing: 'auto' },
    });
    expect(dep.statusCode).toBe(201);
    const departmentId = dep.json().department.id;
    const dup = await app.inject({ method: 'POST', url: '/api/admin/departments', cookies: admin, payload: { slug: 'sales', name: 'x' } });
    expect(dup.statusCode).toBe(409);

    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/agents',
      cookies: admin,
      payload: {
        email: 'new@shop.example',
        name: 'Nova',
        role: 'agent',
        password: 'long-enough',
        capacity: 5,
        departmentIds: [departmentId],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().agent).toMatchObject({ name: 'Nova', capacity: 5, departmentIds: [departmentId], status: 'offline', load: 0 });
    expect(created.body).not.toMatch(/hash|scrypt|long-enough/);

    const again = await app.inject({
      method: 'POST',
      url: '/api/admin/agents',
      cookies: admin,
      payload: { email: 'NEW@shop.example', name: 'Dup', role: 'agent', password: 'long-enough' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('already exists');
  });

  it('edits an agent: capacity, departments, role and password', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/admin/agents', cookies: admin });
    const target = list.json().agents.find((a: { name: string }) => a.name === 'Plain');
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/admin/agents/${target.id}`,
      cookies: admin,
      payload: { capacity: 7, role: 'admin', password: 'brand-new-pass' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().agent).toMatchObject({ capacity: 7, role: 'admin' });
    const relogin = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'plain@shop.example', password: 'brand-new-pass' },
    });
    expect(relogin.statusCode).toBe(200);
    const unknownDept = await app.inject({
      method: 'PATCH',
      url: `/api/admin/agents/${target.id}`,
      cookies: admin,
      payload: { departmentIds: ['dep_nope'], capacity: 2 },
    });
    expect(unknownDept.statusCode).toBe(404);
    expect(unknownDept.json().error.code).toBe('not_found');
    const after = await app.inject({ method: 'GET', url: '/api/admin/agents', cookies: admin });
    expect(after.json().agents.find((a: { id: string }) => a.id === target.id)).toMatchObject({ capacity: 7 });
  });

  it('saves the site settings, trimming origins', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/admin/site',
      cookies: admin,
      payload: { allowedOrigins: [' https://shop.example ', '', 'https://www.shop.example'], departmentChoice: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Shop',
      allowedOrigins: ['https://shop.example', 'https://www.shop.example'],
      departmentChoice: true,
    });
  });
});
