import type { TriggerReportRow } from '@mostrador/shared';
import { emptyRevenueFigure } from '@mostrador/shared/reports';
import type { Language } from '../../i18n/index.ts';

/** Shares of visitors who reached checkout; null where nobody was counted, so there is nothing to divide. */
export interface CheckoutRates {
  /** Of the visitors the rule invited. */
  fired: number | null;
  /** Of the visitors who qualified but the frequency cap held back: what happens without the invitation. */
  heldBack: number | null;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function checkoutRates(row: TriggerReportRow): CheckoutRates {
  return { fired: share(row.checkouts, row.fired), heldBack: share(row.heldBackCheckouts, row.heldBack) };
}

/** "12.5%", "12,5 %"; an em dash when there is no rate, which "0%" would misstate. */
export function formatRate(rate: number | null, language: Language): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** A rule the report has no row for has not qualified for anyone in the period. */
export function emptyReportRow(ruleId: string): TriggerReportRow {
  return {
    ruleId,
    fired: 0,
    opened: 0,
    replied: 0,
    chats: 0,
    checkouts: 0,
    purchases: 0,
    heldBack: 0,
    heldBackCheckouts: 0,
    conversions: emptyRevenueFigure(),
  };
}
