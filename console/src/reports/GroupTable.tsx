import type { ReportSummary } from '@mostrador/shared';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';
import { formatDuration } from './format.ts';

interface GroupTableProps {
  title: MessageKey;
  rows: ReportSummary['byAgent'];
  /** The name of a department or agent by id; null ids are "none". */
  nameOf: (id: string) => string | undefined;
}

/** Conversations and median first response per department or per agent, largest first. */
export function GroupTable({ title, rows, nameOf }: GroupTableProps) {
  const { t, language } = useI18n();
  return (
    <section class="report-section">
      <h2 class="report-heading">{t(title)}</h2>
      <table class="report-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.col.name')}</th>
            <th scope="col">{t('reports.col.conversations')}</th>
            <th scope="col">{t('reports.card.frt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id ?? ''}>
              <th scope="row">{row.id === null ? t('reports.nobody') : (nameOf(row.id) ?? row.id)}</th>
              <td>{row.conversations}</td>
              <td>
                {row.firstResponseMedianSeconds === null ? t('reports.none') : formatDuration(row.firstResponseMedianSeconds, language)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
