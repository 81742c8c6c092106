import type { ReportSummary, ReportTally } from '@mostrador/shared';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';
import { BarCell } from './BarCell.tsx';
import { ReportSection } from './ReportSection.tsx';

type Row = { id: string; label: MessageKey; count: (tally: ReportTally) => number };

const ORIGIN_ROWS: readonly Row[] = [
  { id: 'visitor', label: 'reports.origin.visitor', count: (tally) => tally.fromVisitor },
  { id: 'agent', label: 'reports.origin.agent', count: (tally) => tally.proactive },
  { id: 'trigger', label: 'reports.origin.trigger', count: (tally) => tally.fromTrigger },
  { id: 'email', label: 'reports.origin.email', count: (tally) => tally.fromEmail },
];

const CHANNEL_ROWS: readonly Row[] = [
  { id: 'chat', label: 'reports.channel.chat', count: (tally) => tally.chats },
  { id: 'ticket', label: 'reports.channel.ticket', count: (tally) => tally.tickets },
];

function BreakdownTable({ part, heading, rows, totals }: { part: string; heading: MessageKey; rows: readonly Row[]; totals: ReportTally }) {
  const { t } = useI18n();
  return (
    <table class="report-table report-distribution" data-breakdown={part}>
      <caption>{t(heading)}</caption>
      <thead>
        <tr>
          <th scope="col">{t(heading)}</th>
          <th scope="col">{t('reports.col.conversations')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-row={row.id}>
            <th scope="row">{t(row.label)}</th>
            <BarCell count={row.count(totals)} total={totals.conversations} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The period's conversations by how they started (the visitor, an agent, a
 * trigger, an emailed answer) and by channel (live chat or ticket): each
 * table's rows add up to the conversations card, and the bars are the shares.
 */
export function VolumeBreakdown({ report }: { report: ReportSummary }) {
  return (
    <ReportSection part="volume-breakdown" heading="reports.volumeBreakdown" definition="reports.def.breakdown">
      <div class="report-distribution-tables">
        <BreakdownTable part="origin" heading="reports.origin" rows={ORIGIN_ROWS} totals={report.totals} />
        <BreakdownTable part="channel" heading="reports.channel" rows={CHANNEL_ROWS} totals={report.totals} />
      </div>
    </ReportSection>
  );
}
