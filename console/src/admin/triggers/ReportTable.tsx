import type { TriggerReportBody, TriggerReportRow, TriggerRule } from '@mostrador/shared';
import { useAdminI18n, type AdminMessageKey } from '../i18n/index.ts';
import { formatNumber } from './format.ts';
import { checkoutRates, emptyReportRow, formatRate } from './reportRates.ts';

type Count = Exclude<keyof TriggerReportRow, 'ruleId' | 'heldBack' | 'heldBackCheckouts' | 'conversions'>;

const COUNTS: readonly { key: Count; label: AdminMessageKey }[] = [
  { key: 'fired', label: 'report.colFired' },
  { key: 'opened', label: 'report.colOpened' },
  { key: 'replied', label: 'report.colReplied' },
  { key: 'chats', label: 'report.colChats' },
  { key: 'checkouts', label: 'report.colCheckouts' },
  { key: 'purchases', label: 'report.colPurchases' },
];

interface ReportTableProps {
  report: TriggerReportBody;
  triggers: readonly TriggerRule[];
  /** The sentence that explains the comparison. */
  describedBy: string;
}

/**
 * Rules in the list's order, those with nothing to count yet as zeros; rows
 * for rules deleted since come last, under a name that says so.
 */
export function ReportTable({ report, triggers, describedBy }: ReportTableProps) {
  const { t, language } = useAdminI18n();
  const known = new Set(triggers.map((rule) => rule.id));
  const rows = [
    ...triggers.map((rule) => ({
      name: rule.name,
      row: report.rows.find((row) => row.ruleId === rule.id) ?? emptyReportRow(rule.id),
    })),
    ...report.rows.filter((row) => !known.has(row.ruleId)).map((row) => ({ name: t('report.deletedRule'), row })),
  ];
  return (
    // Focusable: it scrolls sideways when narrow, and holds nothing else a keyboard could scroll it by (axe: scrollable-region-focusable).
    <div class="table-wrap" tabIndex={0}>
      <table class="admin-table report-table" data-part="report-table" aria-describedby={describedBy}>
        <caption>{t('report.caption', { days: report.days })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.colRule')}</th>
            {COUNTS.map((count) => (
              <th key={count.key} scope="col" class="numeric">
                {t(count.label)}
              </th>
            ))}
            <th scope="col" class="numeric">
              {t('report.colRateFired')}
            </th>
            <th scope="col" class="numeric">
              {t('report.colHeldBack')}
            </th>
            <th scope="col" class="numeric">
              {t('report.colRateHeldBack')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, row }) => {
            const rates = checkoutRates(row);
            const rate = (value: number | null) =>
              value === null ? (
                <>
                  <span aria-hidden="true">{formatRate(value, language)}</span>
                  <span class="visually-hidden">{t('report.noRate')}</span>
                </>
              ) : (
                formatRate(value, language)
              );
            return (
              <tr key={row.ruleId} data-part="report-row" data-rule-id={row.ruleId}>
                <th scope="row">{name}</th>
                {COUNTS.map((count) => (
                  <td key={count.key} class="numeric" data-part={`report-${count.key}`}>
                    {formatNumber(row[count.key], language)}
                  </td>
                ))}
                <td class="numeric rate" data-part="rate-fired">
                  {rate(rates.fired)}
                </td>
                <td class="numeric" data-part="report-heldBack">
                  {formatNumber(row.heldBack, language)}
                </td>
                <td class="numeric rate" data-part="rate-held-back">
                  {rate(rates.heldBack)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
