import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp, siteWithAdminAndAgent } from '../../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({ statusSweepMs: 0 }));
});

afterEach(() => cleanup());

describe('the missed-chats report', () => {
  it('counts a shopper who left while queued on the day of the site’s time zone, for admins only', async () => {
    const { site, admin, plain } = await siteWithAdminAndAgent(app);
    const { visitor } = await app.services.visitors.identify(site.id, undefined);
    const actor = { kind: 'visitor' as const, visitorId: visitor.id, siteId: site.id, label: visitor.label };
    const sent = await app.services.conversations.sendFromVisitor(actor, { clientId: 'report-msg-1', body: 'Hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    // 23:30 UTC on 1 March is 00:30 on 2 March in Madrid.
    const lateNight = Date.UTC(2026, 2, 1, 23, 30);
    await app.services.hours.replace(site.id, {
      site: {
        timeZone: 'Europe/Madrid',
        weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: '00:00', to: '24:00' })),
        holidays: [],
        closures: [],
      },
      departments: [],
    });
    await app.services.states.visitorLeft(site.id, visitor.id, lateNight);

    const res = await app.inject({ method: 'GET', url: '/api/reports/missed-chats?from=2026-03-01&to=2026-03-02', cookies: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      timeZone: 'Europe/Madrid',
      days: [
        { date: '2026-03-01', missed: 0, ticketed: 0 },
        // Nobody was online when it began: it waits as a ticket, and is counted as one.
        { date: '2026-03-02', missed: 1, ticketed: 1 },
      ],
    });
    const backwards = await app.inject({ method: 'GET', url: '/api/reports/missed-chats?from=2026-03-02&to=2026-03-01', cookies: admin });
    expect(backwards.statusCode).toBe(400);
    const agent = await app.inject({ method: 'GET', url: '/api/reports/missed-chats', cookies: plain });
    expect(agent.statusCode).toBe(403);
    const byDefault = await app.inject({ method: 'GET', url: '/api/reports/missed-chats', cookies: admin });
    expect(byDefault.json().days).toHaveLength(30);
  });
});
