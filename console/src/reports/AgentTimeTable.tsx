import type { ReportSummary } from '@mostrador/shared';
import { useI18n } from '../i18n/context.ts';
import { formatDuration, formatPercent } from './format.ts';
import { ReportSection } from './ReportSection.tsx';

interface AgentTimeTableProps {
  rows: ReportSummary['agentTime'];
  /** The agent's name by id. */
  nameOf: (id: string) => string | undefined;
}

type AgentRow = ReportSummary['agentTime'][number];

/** Utilisation with the capacity it is measured against ("37.5% of 2"); a dash with nothing to divide by. */
function Utilisation({ row }: { row: AgentRow }) {
  const { t, language } = useI18n();
  if (row.utilisation === null || row.capacity === null) return <td>{t('reports.none')}</td>;
  return <td>{t('reports.ofCapacity', { percent: formatPercent(row.utilisation, language), capacity: row.capacity })}</td>;
}

/**
 * Each agent's online and away time in the period, most online first, and
 * its chat load: chatting time, chats at once on average and at the peak,
 * and utilisation against its capacity; the definition under the heading.
 */
export function AgentTimeTable({ rows, nameOf }: AgentTimeTableProps) {
  const { t, language } = useI18n();
  const decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  return (
    <ReportSection part="agent-time" heading="reports.agentTime" definition="reports.def.agentTime">
      {rows.length === 0 ? (
        <p class="admin-note">{t('reports.none')}</p>
      ) : (
        <table class="report-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.col.name')}</th>
              <th scope="col">{t('reports.col.online')}</th>
              <th scope="col">{t('reports.col.away')}</th>
              <th scope="col">{t('reports.col.chatting')}</th>
              <th scope="col">{t('reports.col.concurrency')}</th>
              <th scope="col">{t('reports.col.peak')}</th>
              <th scope="col">{t('reports.col.utilisation')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.agentId}>
                <th scope="row">{nameOf(row.agentId) ?? row.agentId}</th>
                <td>{formatDuration(row.onlineSeconds, language)}</td>
                <td>{formatDuration(row.awaySeconds, language)}</td>
                <td>{formatDuration(row.chatSeconds, language)}</td>
                <td>{row.concurrency === null ? t('reports.none') : decimal.format(row.concurrency)}</td>
                <td>{row.peakConcurrency}</td>
                <Utilisation row={row} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ReportSection>
  );
}
