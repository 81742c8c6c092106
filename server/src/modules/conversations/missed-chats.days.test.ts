import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../testing/harness.ts';

/**
 * The missed-chats report's days: each chat counts on the local date of the
 * site's time zone, whichever side of UTC it lies, and only within the range
 * asked for; the range is a real pair of dates, at most 366 days long.
 */
let app: App;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp({ statusSweepMs: 0 }));
});

afterEach(() => cleanup());

async function siteIn(timeZone: string): Promise<string> {
  const site = await app.services.sites.create({ name: 'Shop', allowedOrigins: ['https://shop.example'] });
  const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: '00:00', to: '24:00' }));
  const set = await app.services.hours.replace(site.id, {
    site: { timeZone, weekly: allWeek, holidays: [], closures: [] },
    departments: [],
  });
  if (!set.ok) throw new Error(set.error.message);
  return site.id;
}

/** A shopper who wrote, nobody answered, and who left at `at`: a missed chat then. */
async function missedAt(siteId: string, at: number): Promise<void> {
  const { visitor } = await app.services.visitors.identify(siteId, undefined);
  const actor = { kind: 'visitor' as const, visitorId: visitor.id, siteId, label: visitor.label };
  const sent = await app.services.conversations.sendFromVisitor(actor, { clientId: `missed-${at}`, body: 'Hola' });
  if (!sent.ok) throw new Error(sent.error.message);
  await app.services.states.visitorLeft(siteId, visitor.id, at);
}

async function report(siteId: string, from: string, to: string) {
  const result = await app.services.states.missedChats(siteId, from, to);
  if (!result.ok) throw new Error(result.error.message);
  return result.data.days.map((d) => [d.date, d.missed]);
}

describe('the days of the missed-chats report', () => {
  it('counts a chat missed in the evening west of UTC on its local day, though it is the next day in UTC', async () => {
    const siteId = await siteIn('America/Los_Angeles');
    // 20:00 on 2 March in Los Angeles is 04:00 on 3 March in UTC.
    await missedAt(siteId, Date.UTC(2026, 2, 3, 4, 0));
    expect(await report(siteId, '2026-03-02', '2026-03-02')).toEqual([['2026-03-02', 1]]);
    expect(await report(siteId, '2026-03-03', '2026-03-03')).toEqual([['2026-03-03', 0]]);
  });

  it('counts a chat missed in the morning east of UTC on its local day, though it is the day before in UTC', async () => {
    const siteId = await siteIn('Pacific/Auckland');
    // 09:00 on 2 March in Auckland (UTC+13) is 20:00 on 1 March in UTC.
    await missedAt(siteId, Date.UTC(2026, 2, 1, 20, 0));
    expect(await report(siteId, '2026-03-02', '2026-03-02')).toEqual([['2026-03-02', 1]]);
    expect(await report(siteId, '2026-03-01', '2026-03-01')).toEqual([['2026-03-01', 0]]);
  });

  it('leaves out a chat read in the wider window whose local day is outside the range', async () => {
    const siteId = await siteIn('Europe/Madrid');
    // 00:30 on 2 March in Madrid: in the window read for a report of 1 March, but not on 1 March.
    await missedAt(siteId, Date.UTC(2026, 2, 1, 23, 30));
    await missedAt(siteId, Date.UTC(2026, 2, 1, 12, 0));
    expect(await report(siteId, '2026-03-01', '2026-03-01')).toEqual([['2026-03-01', 1]]);
  });

  it('covers at most 366 days, and refuses a date that does not exist', async () => {
    const siteId = await siteIn('UTC');
    const year = await app.services.states.missedChats(siteId, '2025-03-02', '2026-03-02');
    expect(year.ok && year.data.days.length).toBe(366);
    expect(year.ok && [year.data.days[0]?.date, year.data.days.at(-1)?.date]).toEqual(['2025-03-02', '2026-03-02']);
    const longer = await app.services.states.missedChats(siteId, '2025-03-01', '2026-03-02');
    expect(longer.ok ? null : longer.error.code).toBe('invalid_payload');
    const noMonth = await app.services.states.missedChats(siteId, '2026-13-01', '2026-13-02');
    expect(noMonth.ok ? null : noMonth.error.code).toBe('invalid_payload');
    // 31 February is no day of March: the report is refused, not shifted.
    const noDay = await app.services.states.missedChats(siteId, '2026-02-31', '2026-03-05');
    expect(noDay.ok ? null : noDay.error.code).toBe('invalid_payload');
    const noLastDay = await app.services.states.missedChats(siteId, '2026-02-01', '2026-02-29');
    expect(noLastDay.ok ? null : noLastDay.error.code).toBe('invalid_payload');
  });
});
