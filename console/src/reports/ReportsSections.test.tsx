import type { ReportSummary } from '@mostrador/shared';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agentSummary, stubApi } from '../admin/testApi.ts';
import { me } from '../state/testFixtures.ts';
import { ReportsScreen } from './ReportsScreen.tsx';
import { reportOf, today } from './testReport.ts';

const week = 'from=2026-12-01&to=2026-12-07';
const weekBefore = 'from=2026-11-24&to=2026-11-30';

/** The week before: Núria had two conversations and a slower first response; chats brought half as many euros, and no dollars. */
function previousWeek(): ReportSummary {
  // The same conversation, read as the week before's.
  const report = { ...reportOf('2026-12-01', '2026-12-07'), from: '2026-11-24', to: '2026-11-30' };
  const agent = report.byAgent[0]!;
  const eur = [{ currency: 'EUR', amount: 20 }];
  return {
    ...report,
    byAgent: [
      {
        ...agent,
        conversations: 2,
        firstResponseMedianSeconds: 300,
        revenue: { ...agent.revenue, visitors: 2, conversionRate: 50, revenue: eur },
      },
    ],
    // No department row: its conversations were all new this week.
    byDepartment: [],
    revenue: { ...report.revenue, chat: { ...report.revenue.chat, conversionRate: 50, revenue: eur } },
  };
}

function renderPage(routes: Record<string, readonly [number, unknown]> = {}) {
  const api = stubApi({
    'GET /api/admin/departments': [200, { departments: [] }],
    'GET /api/admin/agents': [200, { agents: [agentSummary()] }],
    [`GET /api/admin/reports/summary?${week}`]: [200, reportOf('2026-12-01', '2026-12-07')],
    ...routes,
  });
  const view = render(<ReportsScreen agent={{ ...me, role: 'admin' }} onLogout={() => {}} today={today} />);
  const rowsOf = (selector: string) =>
    [...view.container.querySelectorAll(`${selector} tbody tr`)].map((tr) => [...tr.children].map((c) => c.textContent));
  return { api, view, rowsOf };
}

describe('the Reports page’s charts, distributions and comparisons', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows each distribution raw and in business hours, first response and CSAT per day, and revenue per day per currency', async () => {
    // As if the answer had come 3 minutes after a message sent 2 minutes before opening: 1 minute of business hours.
    const report = reportOf('2026-12-01', '2026-12-07');
    report.firstResponse.business = { ...report.firstResponse.business, buckets: [1, 0, 0, 0, 0, 0, 0] };
    report.days[6]!.firstResponseBusinessSeconds = 60;
    const { view, rowsOf } = renderPage({ [`GET /api/admin/reports/summary?${week}`]: [200, report] });
    await waitFor(() => expect(view.container.querySelector('.report-distributions')).not.toBeNull());
    // The one answer took 3 minutes (1–5 min), 1 in business hours; the conversation was resolved after 20 (15–60 min).
    const frt = rowsOf('[data-distribution="frt"]');
    expect(frt.map((row) => row[0])).toEqual(['Under 1 min', '1–5 min', '5–15 min', '15–60 min', '1–4 h', '4–24 h', '24 h or more']);
    expect(frt[0]).toEqual(['Under 1 min', '0 (0%)', '1 (100%)']);
    expect(frt[1]).toEqual(['1–5 min', '1 (100%)', '0 (0%)']);
    expect(rowsOf('[data-distribution="resolution"]')[3]).toEqual(['15–60 min', '1 (100%)', '1 (100%)']);
    expect(view.container.querySelector('[data-distribution="response"] caption')!.textContent).toBe('Response (each answer)');
    // The bar is the share, drawn as an SVG width (no style attribute), and hidden from screen readers: the text says it.
    const bars = [...view.container.querySelectorAll('[data-distribution="frt"] tbody tr:nth-child(2) .report-bar')];
    expect(bars.map((bar) => bar.getAttribute('aria-hidden'))).toEqual(['true', 'true']);
    expect(bars.map((bar) => bar.querySelector('rect')!.getAttribute('width'))).toEqual(['100%', '0%']);

    // Per day: the mean first response (a day keeps sums), raw and in business hours; CSAT with its ratings, average and comments.
    const frtDays = rowsOf('[data-chart="frt-per-day"] .report-data');
    expect(frtDays).toHaveLength(7);
    expect(frtDays[0]).toEqual(['2026-12-01', '—', '—', '0']);
    expect(frtDays.at(-1)).toEqual(['2026-12-07', '3 min', '1 min', '1']);
    expect(rowsOf('[data-chart="csat-per-day"] .report-data').at(-1)).toEqual(['2026-12-07', '100%', '1', '5', '1']);

    // Revenue per day, one chart per currency, chats beside the baseline, with visitors and buyers in the table.
    expect(rowsOf('[data-chart="revenue-EUR"] .report-data').at(-1)).toEqual(['2026-12-07', '€40.00', '€30.00', '1', '1', '2', '1']);
    expect(rowsOf('[data-chart="revenue-USD"] .report-data').at(-1)).toEqual(['2026-12-07', '$15.00', '$0.00', '1', '1', '2', '1']);
    expect(view.container.querySelector('[data-chart="revenue-EUR"] h2')!.textContent).toBe('Revenue per day (EUR)');

    // Every chart and table has its definition, on screen and as its tooltip.
    const sections = [...view.container.querySelectorAll('.report-section:not(.report-live)')];
    // Revenue, its two currencies per day, volume and its breakdown, first response and CSAT per day, distributions, heatmap,
    // two groups, triggers, time.
    expect(sections.length).toBe(13);
    for (const section of sections) {
      const definition = section.querySelector('.admin-note')!.textContent!;
      expect(definition.length, section.querySelector('h2')!.textContent!).toBeGreaterThan(40);
      expect(section.getAttribute('title')).toBe(definition);
    }
    expect(view.container.querySelector('[data-chart="frt-per-day"]')!.getAttribute('title')).toContain('not the median');
    expect(view.container.querySelector('[data-chart="revenue-EUR"]')!.getAttribute('title')).toContain('not proof');
  });

  it('breaks the conversations down by how they started and by channel, each table adding up to the total', async () => {
    const report = reportOf('2026-12-01', '2026-12-07');
    // Four conversations: two by visitors (one became a ticket), one by a trigger, one by an emailed answer.
    report.totals = {
      ...report.totals,
      conversations: 4,
      fromVisitor: 2,
      proactive: 0,
      fromTrigger: 1,
      fromEmail: 1,
      chats: 3,
      tickets: 1,
    };
    const { view, rowsOf } = renderPage({ [`GET /api/admin/reports/summary?${week}`]: [200, report] });
    await waitFor(() => expect(view.container.querySelector('[data-breakdown="origin"]')).not.toBeNull());
    expect(view.container.querySelector('.report-volume-breakdown h2')!.textContent).toBe('How conversations started');
    expect(rowsOf('[data-breakdown="origin"]')).toEqual([
      ['The visitor', '2 (50%)'],
      ['An agent (proactive)', '0 (0%)'],
      ['A trigger', '1 (25%)'],
      ['The customer, by email', '1 (25%)'],
    ]);
    expect(rowsOf('[data-breakdown="channel"]')).toEqual([
      ['Live chat', '3 (75%)'],
      ['Ticket', '1 (25%)'],
    ]);
  });

  it('compares the revenue cards and each agent’s row with the previous period, money per currency', async () => {
    const { view, api } = renderPage({ [`GET /api/admin/reports/summary?${weekBefore}`]: [200, previousWeek()] });
    const change = (selector: string) => view.container.querySelector(`${selector} .report-card-change`)?.textContent;
    await waitFor(() => expect(change('[data-figure="chatConversion"]')).toBe('▲ +50 pts vs previous 7 days'));
    expect(api.sent.map((r) => r.path)).toContain(`/api/admin/reports/summary?${weekBefore}`);
    // Euros doubled; dollars are new, so there is no percentage of nothing.
    expect(change('[data-figure="chatRevenue"]')).toBe('EUR ▲ +100% vs previous 7 days · USD —No comparison with the previous 7 days');
    // The baseline did not change.
    expect(change('[data-figure="baselineConversion"]')).toBe('= 0 pts vs previous 7 days');
    // Núria's row: the arrow and amount on screen, the whole sentence for screen readers.
    await waitFor(() => expect(view.container.querySelector('.report-groups tbody th')?.textContent).toBe('Núria'));
    const cells = [...view.container.querySelector('.report-groups tbody tr')!.querySelectorAll('td')];
    const shown = cells.map((td) => td.querySelector('.report-change [aria-hidden="true"]')?.textContent);
    const spoken = cells.map((td) => td.querySelector('.report-change .visually-hidden')?.textContent);
    expect(shown).toEqual(['▼ -50%', '▼ -2 min', '▼ -50%', '▲ +50 pts', '▲ +100%']);
    expect(spoken).toEqual([
      '-50% vs previous 7 days',
      '-2 min vs previous 7 days',
      '-50% vs previous 7 days',
      '+50 pts vs previous 7 days',
      '+100% vs previous 7 days',
    ]);
    // The department row had nothing before: no change to state, rather than a made-up one.
    const department = [...view.container.querySelectorAll('.report-groups tbody tr')][1]!;
    const none = '—No comparison with the previous 7 days';
    expect([...department.querySelectorAll('td .report-change')].map((c) => c.textContent)).toEqual([
      none,
      none,
      none,
      none,
      `EUR ${none} · USD ${none}`,
    ]);
  });

  it('shows no change while the previous period is not read, rather than a wrong one', async () => {
    const { view } = renderPage();
    await waitFor(() => expect(view.container.querySelector('[data-figure="chatConversion"] .report-card-value')).not.toBeNull());
    expect(view.container.querySelector('[data-figure="chatConversion"] .report-card-change')).toBeNull();
    expect(view.container.querySelector('.report-groups .report-change')).toBeNull();
  });

  it('reads the days in a chosen time zone, the site’s by default, in the summary and both CSVs', async () => {
    const madrid = 'from=2026-12-01&to=2026-12-07&timeZone=Europe%2FMadrid';
    const { view, api } = renderPage({ [`GET /api/admin/reports/summary?${madrid}`]: [200, reportOf('2026-12-01', '2026-12-07')] });
    const zone = view.getByLabelText('Time zone') as HTMLSelectElement;
    // The site's zone is the default, named once a report says which it is.
    await waitFor(() => expect(zone.options[0]!.textContent).toBe('The site’s (UTC)'));
    expect(zone.value).toBe('');
    const link = (kind: string) => view.container.querySelector(`a[data-csv="${kind}"]`)!.getAttribute('href');
    expect(link('days')).toBe(`/api/admin/reports/days.csv?${week}`);
    expect(link('agents')).toBe(`/api/admin/reports/agents.csv?${week}`);
    expect(view.getByText('Download CSV (one row per agent)')).toBeTruthy();
    fireEvent.change(zone, { target: { value: 'Europe/Madrid' } });
    fireEvent.submit(view.container.querySelector('form')!);
    await waitFor(() =>
      expect(api.sent.slice(-2).map((r) => r.path)).toEqual([
        `/api/admin/reports/summary?${madrid}`,
        `/api/admin/reports/summary?${weekBefore}&timeZone=Europe%2FMadrid`,
      ]),
    );
    await waitFor(() => expect(link('agents')).toBe(`/api/admin/reports/agents.csv?${madrid}`));
    expect(link('days')).toBe(`/api/admin/reports/days.csv?${madrid}`);
    // The site's zone is still named: it was learnt from a report asked for without a zone.
    expect(zone.options[0]!.textContent).toBe('The site’s (UTC)');
  });
});
