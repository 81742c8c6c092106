import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findIn, stubApi } from '../testApi.ts';
import { emptyReportRow } from './reportRates.ts';
import { cartRescue, nightOwls, reportBody, welcomeBack } from './testTriggers.ts';
import { TriggerReport } from './TriggerReport.tsx';

const cartRow = {
  ...emptyReportRow('trg_cart'),
  fired: 40,
  opened: 12,
  replied: 6,
  chats: 5,
  checkouts: 10,
  purchases: 4,
  heldBack: 8,
  heldBackCheckouts: 1,
};
/** Invited a few people, but nobody was held back: nothing to compare against. */
const backRow = { ...emptyReportRow('trg_back'), fired: 3, opened: 1 };

const cellsOf = (container: Element, ruleId: string) =>
  [...container.querySelector(`[data-part="report-row"][data-rule-id="${ruleId}"]`)!.children].map((cell) => cell.textContent);

describe('TriggerReport', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows each rule’s counts and both checkout rates, with a dash where nobody was counted', async () => {
    stubApi({ 'GET /api/admin/triggers/report?days=30': [200, reportBody(30, [backRow, cartRow])] });
    const { container } = render(<TriggerReport triggers={[cartRescue, welcomeBack, nightOwls]} />);
    const table = await findIn(container, 'table[data-part="report-table"]');

    expect(table.querySelector('caption')!.textContent).toBe('Each trigger over the last 30 days');
    expect(cellsOf(container, 'trg_cart')).toEqual(['Cart rescue', '40', '12', '6', '5', '10', '4', '25%', '8', '12.5%']);
    expect(cellsOf(container, 'trg_back')).toEqual(['Welcome back', '3', '1', '0', '0', '0', '0', '0%', '0', '—nobody to count']);
    // A rule with no row yet reads as zeros, not as missing.
    expect(cellsOf(container, 'trg_night')).toEqual([
      'Night owls',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '—nobody to count',
      '0',
      '—nobody to count',
    ]);
    expect(table.getAttribute('aria-describedby')).toBe(container.querySelector('[data-part="report-explanation"]')!.id);
    expect(screen.getByText(/frequency cap held back/)).toBeTruthy();
  });

  it('loads another period when one is chosen, and names rules deleted since', async () => {
    const api = stubApi({
      'GET /api/admin/triggers/report?days=30': [200, reportBody(30, [])],
      'GET /api/admin/triggers/report?days=7': [200, reportBody(7, [{ ...cartRow, ruleId: 'trg_gone' }])],
    });
    const { container } = render(<TriggerReport triggers={[cartRescue]} />);
    await findIn(container, 'table[data-part="report-table"]');

    fireEvent.change(screen.getByRole('combobox', { name: 'Period' }), { target: { value: '7' } });

    await waitFor(() => expect(container.querySelector('caption')?.textContent).toBe('Each trigger over the last 7 days'));
    expect(api.sent.map((request) => request.path)).toEqual(['/api/admin/triggers/report?days=30', '/api/admin/triggers/report?days=7']);
    expect(cellsOf(container, 'trg_gone')[0]).toBe('Deleted trigger');
  });

  it('shows the purchases after each rule’s chats beside chats no rule started and the baseline, said to be correlation', async () => {
    const figure = (visitors: number, converted: number, revenue: Array<[string, number]>) => ({
      visitors,
      checkouts: converted,
      converted,
      purchases: converted,
      revenue: revenue.map(([currency, amount]) => ({ currency, amount })),
      conversionRate: visitors ? Math.round((1000 * converted) / visitors) / 10 : null,
    });
    const body = {
      ...reportBody(30, [
        {
          ...cartRow,
          conversions: figure(8, 2, [
            ['EUR', 120.5],
            ['USD', 30],
          ]),
        },
      ]),
      attributionDays: 5,
      withoutTrigger: figure(20, 1, [['EUR', 15]]),
      baseline: figure(400, 6, [['EUR', 210]]),
    };
    stubApi({ 'GET /api/admin/triggers/report?days=30': [200, body] });
    const { container } = render(<TriggerReport triggers={[cartRescue, nightOwls]} />);
    const table = await findIn(container, 'table[data-part="conversion-table"]');
    const cells = (selector: string) => [...table.querySelector(selector)!.children].map((cell) => cell.textContent);

    expect(table.querySelector('caption')!.textContent).toBe('Purchases within 5 days of each trigger’s chats, over the last 30 days');
    expect(cells('[data-rule-id="trg_cart"]')).toEqual(['Cart rescue', '8', '2', '25%', '2', '€120.50 · $30']);
    // A rule nobody chatted after: zeros, and no rate to give.
    expect(cells('[data-rule-id="trg_night"]')).toEqual(['Night owls', '0', '0', '—nobody to count', '0', '—']);
    expect(cells('[data-part="conversion-without-trigger"]')).toEqual(['Chats no trigger started', '20', '1', '5%', '1', '€15']);
    expect(cells('[data-part="conversion-baseline"]')).toEqual(['Baseline: visitors who did not chat', '400', '6', '1.5%', '6', '€210']);
    const explanation = container.querySelector('[data-part="conversion-explanation"]')!;
    expect(table.getAttribute('aria-describedby')).toBe(explanation.id);
    expect(explanation.textContent).toContain('within 5 days of that chat');
    expect(explanation.textContent).toContain('correlation with a baseline, not proof');
  });
});
