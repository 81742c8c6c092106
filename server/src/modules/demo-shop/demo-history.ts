import { randomBytes } from 'node:crypto';
import type { BusinessHours } from '@mostrador/shared';
import { hashSecret, newId, newSecret } from '../../db/ids.ts';
import type { AgentsService } from '../agents/index.ts';
import type { DepartmentsService } from '../departments/index.ts';
import type { HoursService } from '../hours/index.ts';
import type { RatingsService } from '../ratings/index.ts';
import type { SiteRow, SitesService } from '../sites/index.ts';
import type { TriggersService } from '../triggers/index.ts';
import { historyRows } from './demo-history-rows.ts';
import type { HistoryRows } from './demo-history-types.ts';
import { OFFICE_HOURS } from './demo-history-timeline.ts';
import type { DemoHistoryRepository } from './demo-history.repository.ts';

/** The demo team's two colleagues of Laia's, marked as demo accounts; nobody knows their passwords. */
export const DEMO_COLLEAGUES = [
  { email: 'demo-jordi@example.com', name: 'Jordi' },
  { email: 'demo-nuria@example.com', name: 'Núria' },
] as const;

export interface DemoHistoryServices {
  agents: AgentsService;
  departments: DepartmentsService;
  hours: HoursService;
  sites: SitesService;
  triggers: TriggersService;
  ratings: RatingsService;
  demoHistory: DemoHistoryRepository;
}

/**
 * Four weeks of the demo shop's past, so a new user sees Reports, the closed inbox, search, CSAT and NPS
 * filled: Laia's two colleagues, the order line's office hours (so tickets can come in out of hours), NPS
 * switched on (the history holds answers to it), and the shoppers, chats, ratings, answers, carts and the
 * team's working days, up to yesterday in the site's zone. Only on the run that creates the demo site.
 */
export async function addDemoHistory(
  services: DemoHistoryServices,
  input: { site: SiteRow; admin: { id: string; name: string }; shopUrl: string; now?: number },
): Promise<HistoryRows> {
  const { site } = input;
  const colleagues = [];
  for (const colleague of DEMO_COLLEAGUES) {
    const created = await services.agents.create({
      siteId: site.id,
      ...colleague,
      role: 'agent',
      password: randomBytes(18).toString('base64url'),
    });
    if (!created.ok) throw new Error(`The demo colleague ${colleague.name} was not created: ${created.error.message}`);
    colleagues.push({ id: created.data.id, name: created.data.name });
  }
  const lines = services.departments.list(site.id);
  const line = (slug: string) => {
    const found = lines.find((d) => d.slug === slug);
    if (!found) throw new Error(`The demo shop has no ${slug} line`);
    return { id: found.id, name: found.name };
  };
  const departments = { vendes: line('vendes'), comandes: line('comandes') };
  // Everyone serves both lines: a transfer may go to either.
  for (const colleague of colleagues)
    await services.departments.setMemberships(site.id, colleague.id, [departments.vendes.id, departments.comandes.id]);
  const timeZone = services.hours.scheduleFor(site.id, null)?.timeZone ?? 'UTC';
  // Only the order line keeps hours, so the shop's own chat (no department) stays open whenever someone is online.
  const office: BusinessHours = {
    timeZone,
    weekly: OFFICE_HOURS.weekdays.map((day) => ({ day, from: clock(OFFICE_HOURS.from), to: clock(OFFICE_HOURS.to) })),
    holidays: [],
    closures: [],
  };
  const hours = await services.hours.replace(site.id, {
    site: null,
    departments: [{ departmentId: departments.comandes.id, hours: office }],
  });
  if (!hours.ok) throw new Error(`The demo order line's hours were refused: ${hours.error.message}`);
  const rows = historyRows({
    siteId: site.id,
    siteName: site.name,
    shopUrl: input.shopUrl,
    timeZone,
    now: input.now ?? Date.now(),
    agents: [input.admin, ...colleagues],
    departments,
    rules: services.triggers.list(site.id).map((rule) => ({ id: rule.id, message: rule.action.message })),
    newId,
    tokenHash: () => hashSecret(newSecret()),
  });
  // NPS answers exist, so the site asks the question: the settings agree with the history.
  if (rows.nps.length > 0) await services.sites.update(site.id, { npsEnabled: true });
  await services.demoHistory.write(rows);
  // The NPS answers of the last 90 days are remembered, so none of these shoppers is asked again.
  await services.ratings.load();
  return rows;
}

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
