import type { ReportSummary } from '@mostrador/shared';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';
import { formatDuration, formatMoney, formatPercent } from './format.ts';

interface GroupTableProps {
  title: MessageKey;
  rows: ReportSummary['byAgent'];
  /** The name of a department or agent by id; null ids are "none". */
  nameOf: (id: string) => string | undefined;
}

/**
 * Conversations and median first response per department or per agent,
 * largest first; then the visitors whose first chat was in the row, their
 * conversion and revenue after it (each visitor in one row only).
 */
export function GroupTable({ title, rows, nameOf }: GroupTableProps) {
  const { t, language } = useI18n();
  const none = t('reports.none');
  return (
    <section class="report-section">
      <h2 class="report-heading">{t(title)}</h2>
      <table class="report-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.col.name')}</th>
            <th scope="col">{t('reports.col.conversations')}</th>
            <th scope="col">{t('reports.card.frt')}</th>
            <th scope="col" title={t('reports.def.groupRevenue')}>
              {t('reports.col.chatVisitors')}
            </th>
            <th scope="col" title={t('reports.def.groupRevenue')}>
              {t('reports.col.chatConversion')}
            </th>
            <th scope="col" title={t('reports.def.groupRevenue')}>
              {t('reports.col.chatRevenue')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id ?? ''}>
              <th scope="row">{row.id === null ? t('reports.nobody') : (nameOf(row.id) ?? row.id)}</th>
              <td>{row.conversations}</td>
              <td>{row.firstResponseMedianSeconds === null ? none : formatDuration(row.firstResponseMedianSeconds, language)}</td>
              <td>{row.revenue.visitors}</td>
              <td>{row.revenue.conversionRate === null ? none : formatPercent(row.revenue.conversionRate, language)}</td>
              <td>{formatMoney(row.revenue.revenue, language, none)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
