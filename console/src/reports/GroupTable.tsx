import type { ReportSummary } from '@mostrador/shared';
import { changeOf, GROUP_CHANGE } from '@mostrador/shared/reports';
import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';
import { ChangeText, directionAttribute, MoneyChangeText } from './ChangeText.tsx';
import { formatDuration, formatMoney, formatPercent } from './format.ts';

type GroupRow = ReportSummary['byAgent'][number];

interface GroupTableProps {
  title: MessageKey;
  rows: GroupRow[];
  /** The name of a department or agent by id; null ids are "none". */
  nameOf: (id: string) => string | undefined;
  /** The same groups in the previous period, once read; without them no change is shown. */
  previous?: GroupRow[] | undefined;
  /** Days of the period (and of the previous one). */
  days: number;
}

/** A group absent from the previous period had nothing there. */
const nothing: Pick<GroupRow, 'conversations' | 'firstResponseMedianSeconds' | 'revenue'> = {
  conversations: 0,
  firstResponseMedianSeconds: null,
  revenue: { visitors: 0, checkouts: 0, converted: 0, purchases: 0, revenue: [], conversionRate: null },
};

/** A figure and, under it, its change against the previous period (when read). */
function Cell({ value, change }: { value: string | number; change: ComponentChildren }) {
  return (
    <td>
      {value}
      {change}
    </td>
  );
}

/**
 * Conversations and median first response per department or per agent,
 * largest first; then the visitors whose first chat was in the row, their
 * conversion and revenue after it (each visitor in one row only). Each
 * figure with its change against the same group in the previous period.
 */
export function GroupTable({ title, rows, nameOf, previous, days }: GroupTableProps) {
  const { t, language } = useI18n();
  const none = t('reports.none');
  const change = (current: number | null, before: number | null, kind: keyof typeof GROUP_CHANGE, unit?: 'seconds' | 'points') => {
    if (!previous) return null;
    const found = changeOf(current, before, GROUP_CHANGE[kind]);
    return (
      <span class="report-change" data-direction={directionAttribute(found)}>
        <ChangeText change={found} days={days} unit={unit} compact />
      </span>
    );
  };
  return (
    <section class="report-section" title={t('reports.def.groups')}>
      <h2 class="report-heading">{t(title)}</h2>
      <p class="admin-note">{t('reports.def.groups')}</p>
      <table class="report-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.col.name')}</th>
            <th scope="col">{t('reports.col.conversations')}</th>
            <th scope="col" title={t('reports.def.frt')}>
              {t('reports.card.frt')}
            </th>
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
          {rows.map((row) => {
            const before = previous?.find((p) => p.id === row.id) ?? nothing;
            const rate = row.revenue.conversionRate;
            return (
              <tr key={row.id ?? ''}>
                <th scope="row">{row.id === null ? t('reports.nobody') : (nameOf(row.id) ?? row.id)}</th>
                <Cell value={row.conversations} change={change(row.conversations, before.conversations, 'conversations')} />
                <Cell
                  value={row.firstResponseMedianSeconds === null ? none : formatDuration(row.firstResponseMedianSeconds, language)}
                  change={change(
                    row.firstResponseMedianSeconds,
                    before.firstResponseMedianSeconds,
                    'firstResponseMedianSeconds',
                    'seconds',
                  )}
                />
                <Cell value={row.revenue.visitors} change={change(row.revenue.visitors, before.revenue.visitors, 'visitors')} />
                <Cell
                  value={rate === null ? none : formatPercent(rate, language)}
                  change={change(rate, before.revenue.conversionRate, 'conversionRate', 'points')}
                />
                <Cell
                  value={formatMoney(row.revenue.revenue, language, none)}
                  change={
                    previous && (
                      <span class="report-change">
                        <MoneyChangeText current={row.revenue.revenue} previous={before.revenue.revenue} days={days} compact />
                      </span>
                    )
                  }
                />
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
