import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agentSummary, sales, stubApi } from '../admin/testApi.ts';
import { me } from '../state/testFixtures.ts';
import { ReportsScreen } from './ReportsScreen.tsx';
import { reportOf, today } from './testReport.ts';

describe('ReportsScreen', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the week’s figures with their definitions, the day table and the heatmap, and refetches for a preset and a filter', async () => {
    const api = stubApi({
      'GET /api/admin/departments': [200, { departments: [sales] }],
      'GET /api/admin/agents': [200, { agents: [agentSummary()] }],
      'GET /api/tags': [200, { tags: [{ id: 'tag_vip', name: 'vip', colour: 'gold' }] }],
      'GET /api/admin/reports/summary?from=2026-12-01&to=2026-12-07': [200, reportOf('2026-12-01', '2026-12-07')],
      'GET /api/admin/reports/summary?from=2026-12-07&to=2026-12-07': [200, reportOf('2026-12-07', '2026-12-07')],
      'GET /api/admin/reports/summary?from=2026-12-07&to=2026-12-07&departmentId=dep_sales': [200, reportOf('2026-12-07', '2026-12-07')],
      'GET /api/admin/reports/summary?from=2026-12-07&to=2026-12-07&departmentId=dep_sales&attributionDays=7': [
        200,
        reportOf('2026-12-07', '2026-12-07'),
      ],
      'GET /api/admin/reports/summary?from=2026-12-07&to=2026-12-07&departmentId=dep_sales&origin=trigger&tag=vip&attributionDays=7': [
        200,
        reportOf('2026-12-07', '2026-12-07'),
      ],
    });
    const { container, getByText, getByLabelText } = render(
      <ReportsScreen agent={{ ...me, role: 'admin' }} onLogout={() => {}} today={today} />,
    );
    await waitFor(() => expect(container.querySelector('[data-figure="frt"] .report-card-value')?.textContent).toBe('3 min'));
    const frt = container.querySelector('[data-figure="frt"]')!;
    expect(frt.getAttribute('title')).toContain('first message to the first agent message after it');
    expect(frt.querySelector('.report-card-detail')!.textContent).toBe('90% within 3 min · in business hours: 3 min');
    expect(container.querySelector('[data-figure="csat"] .report-card-value')!.textContent).toBe('100%');
    expect(container.querySelector('[data-figure="nps"] .report-card-value')!.textContent).toBe('0');
    const rows = [...container.querySelectorAll('[data-chart="volume"] .report-data .report-table tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent),
    );
    expect(rows).toHaveLength(7);
    expect(rows.at(-1)).toEqual(['2026-12-07', '1', '1', '0']);
    // Monday's row of the heatmap (first, Monday first), hour 10.
    expect(container.querySelector('.report-heatmap tbody tr')!.children[11]!.textContent).toBe('1');
    expect(container.querySelector('a[download]')!.getAttribute('href')).toBe('/api/admin/reports/days.csv?from=2026-12-01&to=2026-12-07');
    // By agent, by name once the agents are in; by department, "None" for the site-wide line.
    await waitFor(() => expect(container.querySelector('.report-groups tbody th')?.textContent).toBe('Núria'));
    const groups = [...container.querySelectorAll('.report-groups tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(groups).toEqual([
      ['Núria', '1', '3 min', '1', '100%', '€40.00 · $15.00'],
      ['None', '1', '3 min', '1', '100%', '€40.00 · $15.00'],
    ]);
    // Purchases after chats beside the baseline, each with its definition, saying it is no proof.
    const card = (id: string) => container.querySelector(`[data-figure="${id}"]`)!;
    expect(card('chatConversion').querySelector('.report-card-value')!.textContent).toBe('100%');
    expect(card('baselineConversion').querySelector('.report-card-value')!.textContent).toBe('50%');
    expect(card('baselineConversion').querySelector('.report-card-detail')!.textContent).toBe(
      '2 visitors · 2 reached checkout · 1 bought (1 purchases)',
    );
    expect(card('chatRevenue').querySelector('.report-card-value')!.textContent).toBe('€40.00 · $15.00');
    expect(card('baselineRevenue').querySelector('.report-card-value')!.textContent).toBe('€30.00');
    expect(card('chatConversion').getAttribute('title')).toContain('within 3 days (N × 24 h)');
    expect(card('chatConversion').getAttribute('title')).toContain('not proof');
    expect(container.querySelector('.report-caveat')!.textContent).toContain('Correlation with a baseline, not proof');
    const triggers = [...container.querySelectorAll('.report-trigger-revenue tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent),
    );
    expect(triggers).toEqual([['Cart help', '1', '100%', '€40.00 · $15.00']]);
    // Her time online and away, from the log of status changes; her chat time, chats at once and use of her capacity.
    const time = [...container.querySelectorAll('.report-agent-time tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(time).toEqual([['Núria', '5 hr 30 min', '20 min', '1 hr 57 min', '0.33', '2', '11.1% of 3']]);

    fireEvent.click(getByText('Today'));
    await waitFor(() => expect(container.querySelectorAll('[data-chart="volume"] .report-data .report-table tbody tr')).toHaveLength(1));
    expect(getByText('Today').getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(getByLabelText('Department').querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(getByLabelText('Department'), { target: { value: 'dep_sales' } });
    fireEvent.submit(container.querySelector('form')!);
    // The period asked for, then the previous one (the day before) with the same filters, for the comparisons.
    await waitFor(() =>
      expect(api.sent.slice(-2).map((r) => r.path)).toEqual([
        '/api/admin/reports/summary?from=2026-12-07&to=2026-12-07&departmentId=dep_sales',
        '/api/admin/reports/summary?from=2026-12-06&to=2026-12-06&departmentId=dep_sales',
      ]),
    );
    await waitFor(() => expect(container.querySelector('a[download]')!.getAttribute('href')).toContain('departmentId=dep_sales'));
    // A longer window goes to the summary and to the CSV alike.
    fireEvent.input(getByLabelText('Days a purchase counts after a chat'), { target: { value: '7' } });
    fireEvent.submit(container.querySelector('form')!);
    const week = 'from=2026-12-07&to=2026-12-07&departmentId=dep_sales&attributionDays=7';
    await waitFor(() => expect(api.sent.at(-2)!.path).toBe(`/api/admin/reports/summary?${week}`));
    await waitFor(() => expect(container.querySelector('a[download]')!.getAttribute('href')).toBe(`/api/admin/reports/days.csv?${week}`));
    // Only the chats a trigger started, only those tagged "vip": the summary and the CSV alike.
    expect([...getByLabelText('Started by').querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'All',
      'The visitor',
      'An agent (proactive)',
      'A trigger',
      'The customer, by email',
    ]);
    fireEvent.change(getByLabelText('Started by'), { target: { value: 'trigger' } });
    await waitFor(() => expect(getByLabelText('Tag').querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(getByLabelText('Tag'), { target: { value: 'vip' } });
    fireEvent.submit(container.querySelector('form')!);
    const narrowed = 'from=2026-12-07&to=2026-12-07&departmentId=dep_sales&origin=trigger&tag=vip&attributionDays=7';
    await waitFor(() => expect(api.sent.at(-2)!.path).toBe(`/api/admin/reports/summary?${narrowed}`));
    expect(api.sent.at(-1)!.path).toBe(`/api/admin/reports/summary?${narrowed.replaceAll('2026-12-07', '2026-12-06')}`);
    await waitFor(() =>
      expect(container.querySelector('a[download]')!.getAttribute('href')).toBe(`/api/admin/reports/days.csv?${narrowed}`),
    );
  });

  it('shows each card’s change against the previous period in words, the arrow aside, and — when there is none', async () => {
    stubApi({
      'GET /api/admin/departments': [200, { departments: [] }],
      'GET /api/admin/agents': [200, { agents: [] }],
      'GET /api/admin/reports/summary?from=2026-12-01&to=2026-12-07': [200, reportOf('2026-12-01', '2026-12-07')],
      'GET /api/admin/reports/summary?from=2026-12-07&to=2026-12-07': [200, reportOf('2026-12-07', '2026-12-07')],
    });
    const { container, getByText } = render(<ReportsScreen agent={{ ...me, role: 'admin' }} onLogout={() => {}} today={today} />);
    const change = (id: string) => container.querySelector(`[data-figure="${id}"] .report-card-change`);
    await waitFor(() => expect(change('conversations')).not.toBeNull());
    // Counts in percent of the previous value; durations, shares and scores as the difference.
    expect(change('conversations')!.textContent).toBe('▼ -75% vs previous 7 days');
    expect(change('frt')!.textContent).toBe('▼ -1 min vs previous 7 days');
    expect(change('csat')!.textContent).toBe('▲ +20 pts vs previous 7 days');
    expect(change('nps')!.textContent).toBe('▼ -10 vs previous 7 days');
    expect(change('abandonment')!.textContent).toBe('= 0 pts vs previous 7 days');
    // The arrow is decoration: what a screen reader hears is the text alone.
    expect(change('conversations')!.querySelector('[aria-hidden="true"]')!.textContent).toBe('▼ ');
    expect(change('conversations')!.getAttribute('data-direction')).toBe('down');
    // From 0 customers, or with no previous average, there is no change to state.
    for (const id of ['customers', 'csatAverage', 'art']) {
      expect(change(id)!.querySelector('[aria-hidden="true"]')!.textContent).toBe('—');
      expect(change(id)!.querySelector('.visually-hidden')!.textContent).toBe('No comparison with the previous 7 days');
    }
    fireEvent.click(getByText('Today'));
    await waitFor(() => expect(change('conversations')!.textContent).toBe('▼ -75% vs previous day'));
  });

  it('says when the report cannot be read, and tries again on request', async () => {
    let calls = 0;
    stubApi({
      'GET /api/admin/departments': [200, { departments: [] }],
      'GET /api/admin/agents': [200, { agents: [] }],
      'GET /api/admin/reports/summary?from=2026-12-01&to=2026-12-07': () =>
        ++calls === 1 ? [500, { error: { code: 'internal', message: 'Boom' } }] : [200, reportOf('2026-12-01', '2026-12-07')],
    });
    const { container, getByText } = render(<ReportsScreen agent={{ ...me, role: 'admin' }} onLogout={() => {}} today={today} />);
    await waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('Could not load the report.'));
    fireEvent.click(getByText('Try again'));
    await waitFor(() => expect(container.querySelector('.report-cards')).not.toBeNull());
    expect(calls).toBe(2);
  });
});
