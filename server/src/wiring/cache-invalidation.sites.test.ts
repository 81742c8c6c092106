import { DEFAULT_BRANDING } from '@mostrador/shared/branding';
import { describe, expect, it } from 'vitest';
import type { SessionEstablished } from '@mostrador/shared';
import { connected, connectVisitor, nextFact, visitorCommand, type VisitorSocket } from '../testing/harness.ts';
import { clusterAdmin, clusterPerTest } from '../testing/cluster-apps.ts';
import { eventually } from '../testing/redis.ts';

const perTest = clusterPerTest();
const { sockets } = perTest;

async function widget(url: string, siteKey: string, origin?: string): Promise<{ socket: VisitorSocket; session: SessionEstablished }> {
  const socket = connectVisitor(url, { siteKey }, origin);
  sockets.push(socket);
  const session = nextFact<VisitorSocket, SessionEstablished>(socket, 'session:established');
  await connected(socket);
  return { socket, session: await session };
}

/** Every payload of `event` the socket hears from now on. */
function heard<T>(socket: VisitorSocket, event: 'branding:changed' | 'hours:changed'): T[] {
  const payloads: T[] = [];
  socket.on(event, (payload: unknown) => payloads.push(payload as T));
  return payloads;
}

/** A command's answer comes after everything the server sent the socket before it: what was heard by then is all. */
async function roundTrip(socket: VisitorSocket): Promise<void> {
  await visitorCommand(socket, 'conversation:earlier', {});
}

const weekdays = {
  timeZone: 'Europe/Madrid',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
  holidays: [],
  closures: [],
};

describe('a site changed on one node of a cluster', () => {
  it('is served as changed by the other: its settings, and the handshake of a widget on a newly allowed origin', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes;
    const admin = await clusterAdmin(cluster);
    const res = await a!.app.inject({
      method: 'PATCH',
      url: '/api/admin/site',
      cookies: admin,
      payload: { name: 'Botiga nova', allowedOrigins: ['https://shop.example', 'https://other.example'] },
    });
    expect(res.statusCode).toBe(200);

    await eventually('b serves the new settings', async () => {
      const settings = (await b!.app.inject({ method: 'GET', url: '/api/admin/site', cookies: admin })).json<{ name: string }>();
      return settings.name === 'Botiga nova';
    });
    const { session } = await widget(b!.url, cluster.siteKey, 'https://other.example');
    expect(session.site.name).toBe('Botiga nova');
  });

  it('is served by the other when it is new: its widget connects there, with its starting rules', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes;
    const site = await a!.app.services.sites.create({ name: 'Second shop', allowedOrigins: ['https://shop.example'] });
    await eventually('b knows the new site and its rules', () => b!.app.services.triggers.list(site.id).length === 2);
    await eventually('b knows the new site', () => b!.app.services.sites.byKey(site.key) !== undefined);
    const { session } = await widget(b!.url, site.key);
    expect(session.site.name).toBe('Second shop');
  });

  it('tells the widgets on every node of a saved look once, and the other node serves it', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes;
    const admin = await clusterAdmin(cluster);
    const onA = await widget(a!.url, cluster.siteKey);
    const onB = await widget(b!.url, cluster.siteKey);
    const heardOnA = heard<unknown>(onA.socket, 'branding:changed');
    const heardOnB = heard<unknown>(onB.socket, 'branding:changed');
    const look = { ...DEFAULT_BRANDING, color: '#0b5d3b', side: 'left' as const };
    const res = await a!.app.inject({ method: 'PUT', url: '/api/admin/site/branding', cookies: admin, payload: look });
    expect(res.statusCode).toBe(200);

    await eventually('b serves the look', async () => {
      const branding = (await b!.app.inject({ method: 'GET', url: '/api/admin/site/branding', cookies: admin })).json<{ look: object }>();
      return JSON.stringify(branding.look) === JSON.stringify(res.json<{ look: object }>().look);
    });
    await eventually('both widgets hear it', () => heardOnA.length > 0 && heardOnB.length > 0);
    await Promise.all([roundTrip(onA.socket), roundTrip(onB.socket)]);
    expect([heardOnA.length, heardOnB.length]).toEqual([1, 1]);
    // A widget that connects to the other node now is handed the new look.
    expect((await widget(b!.url, cluster.siteKey)).session.site.branding?.look).toMatchObject({ color: '#0b5d3b', side: 'left' });
  });

  it('has its business hours, saved on one node, served by the other, and told to the widgets on every node once', async () => {
    const cluster = await perTest.start(2);
    const [a, b] = cluster.nodes;
    const admin = await clusterAdmin(cluster);
    const onB = await widget(b!.url, cluster.siteKey);
    const heardOnB = heard<{ hours: { site: unknown } }>(onB.socket, 'hours:changed');
    const res = await a!.app.inject({
      method: 'PUT',
      url: '/api/admin/hours',
      cookies: admin,
      payload: { site: weekdays, departments: [] },
    });
    expect(res.statusCode).toBe(200);

    await eventually('b serves the hours', async () => {
      const hours = (await b!.app.inject({ method: 'GET', url: '/api/admin/hours', cookies: admin })).json<{ site: unknown }>();
      return hours.site !== null;
    });
    // What b's message path asks: Sunday is closed now.
    expect(b!.app.services.hours.isOpen(cluster.siteId, null, Date.parse('2026-12-06T10:00:00Z'))).toBe(false);
    await eventually('the widget on b hears them', () => heardOnB.length > 0);
    await roundTrip(onB.socket);
    expect(heardOnB).toEqual([{ hours: { site: weekdays, departments: {} } }]);
  });
});
