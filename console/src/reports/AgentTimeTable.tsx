import type { ReportSummary } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import { formatDuration } from './format.ts';

interface AgentTimeTableProps {
  rows: ReportSummary['agentTime'];
  /** The agent's name by id. */
  nameOf: (id: string) => string | undefined;
}

/** Each agent's online and away time in the period, most online first, with the definition under the heading. */
export function AgentTimeTable({ rows, nameOf }: AgentTimeTableProps) {
  const { t, language } = useI18n();
  return (
    <section class="report-section report-agent-time" aria-labelledby="report-agent-time" title={t('reports.def.agentTime')}>
      <h2 class="report-heading" id="report-agent-time">
        {t('reports.agentTime')}
      </h2>
      <p class="admin-note">{t('reports.def.agentTime')}</p>
      {rows.length === 0 ? (
        <p class="admin-note">{t('reports.none')}</p>
      ) : (
        <table class="report-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.col.name')}</th>
              <th scope="col">{t('reports.col.online')}</th>
              <th scope="col">{t('reports.col.away')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.agentId}>
                <th scope="row">{nameOf(row.agentId) ?? row.agentId}</th>
                <td>{formatDuration(row.onlineSeconds, language)}</td>
                <td>{formatDuration(row.awaySeconds, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
