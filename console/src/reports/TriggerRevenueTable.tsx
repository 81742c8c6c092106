import type { RevenueReport } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import { formatMoney, formatPercent } from './format.ts';
import { ReportSection } from './ReportSection.tsx';

/** Purchases after chats per trigger rule (and for chats no trigger started), largest first. */
export function TriggerRevenueTable({ rows }: { rows: RevenueReport['byTrigger'] }) {
  const { t, language } = useI18n();
  const none = t('reports.none');
  return (
    <ReportSection part="trigger-revenue" heading="reports.byTrigger" definition="reports.def.groupRevenue">
      {rows.length === 0 ? (
        <p class="admin-note">{none}</p>
      ) : (
        <table class="report-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.col.name')}</th>
              <th scope="col">{t('reports.col.chatVisitors')}</th>
              <th scope="col">{t('reports.col.chatConversion')}</th>
              <th scope="col">{t('reports.col.chatRevenue')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id ?? ''}>
                <th scope="row">{row.id === null ? t('reports.noTrigger') : (row.name ?? row.id)}</th>
                <td>{row.visitors}</td>
                <td>{row.conversionRate === null ? none : formatPercent(row.conversionRate, language)}</td>
                <td>{formatMoney(row.revenue, language, none)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ReportSection>
  );
}
