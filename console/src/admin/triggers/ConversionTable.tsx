import type { RevenueFigure, TriggerReportBody, TriggerRule } from '@mostrador/shared';
import type { ComponentChildren } from 'preact';
import { useAdminI18n, type AdminMessageKey } from '../i18n/index.ts';
import { formatMoney, formatNumber } from './format.ts';
import { emptyReportRow, formatRate } from './reportRates.ts';

interface ConversionTableProps {
  report: TriggerReportBody;
  triggers: readonly TriggerRule[];
  /** The sentence that says what the figures are, and are not. */
  describedBy: string;
}

/**
 * Purchases after each rule's chats, within the attribution window, beside
 * chats no rule started and the baseline (visitors who did not chat): the
 * Reports page's figures for the same period. Rules in the list's order.
 */
export function ConversionTable({ report, triggers, describedBy }: ConversionTableProps) {
  const { t, language } = useAdminI18n();
  const rows: Array<{ key: string; name: string; figure: RevenueFigure; part: string }> = [
    ...triggers.map((rule) => ({
      key: rule.id,
      name: rule.name,
      figure: (report.rows.find((row) => row.ruleId === rule.id) ?? emptyReportRow(rule.id)).conversions,
      part: 'conversion-row',
    })),
    { key: 'none', name: t('report.noTrigger'), figure: report.withoutTrigger, part: 'conversion-without-trigger' },
    { key: 'baseline', name: t('report.baseline'), figure: report.baseline, part: 'conversion-baseline' },
  ];
  const money = (figure: RevenueFigure) =>
    figure.revenue.length === 0 ? '—' : figure.revenue.map((r) => formatMoney(r.amount, r.currency, language)).join(' · ');
  const rate = (figure: RevenueFigure) =>
    figure.conversionRate === null ? (
      <>
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">{t('report.noRate')}</span>
      </>
    ) : (
      formatRate(figure.conversionRate / 100, language)
    );
  const columns: ReadonlyArray<{ label: AdminMessageKey; cell: (figure: RevenueFigure) => ComponentChildren }> = [
    { label: 'report.colChatVisitors', cell: (figure) => formatNumber(figure.visitors, language) },
    { label: 'report.colConverted', cell: (figure) => formatNumber(figure.converted, language) },
    { label: 'report.colConversionRate', cell: rate },
    { label: 'report.colPurchases', cell: (figure) => formatNumber(figure.purchases, language) },
    { label: 'report.colRevenue', cell: money },
  ];
  return (
    // Focusable: it scrolls sideways when narrow (axe: scrollable-region-focusable).
    <div class="table-wrap" tabIndex={0}>
      <table class="admin-table report-table" data-part="conversion-table" aria-describedby={describedBy}>
        <caption>{t('report.conversionCaption', { days: report.days, window: report.attributionDays })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.colRule')}</th>
            {columns.map((column) => (
              <th key={column.label} scope="col" class="numeric">
                {t(column.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, figure, part }) => (
            <tr key={key} data-part={part} data-rule-id={part === 'conversion-row' ? key : undefined}>
              <th scope="row">{name}</th>
              {columns.map((column) => (
                <td key={column.label} class="numeric">
                  {column.cell(figure)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
