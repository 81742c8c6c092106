import type { ReportHeadline, ReportSummary } from '@mostrador/shared';
import { headlineOf, previousPeriod } from '@mostrador/shared/reports';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';
import { CardChange, type DifferenceUnit } from './CardChange.tsx';
import { formatDuration, formatPercent } from './format.ts';

interface Card {
  id: string;
  label: MessageKey;
  definition: MessageKey;
  value: string;
  detail?: string;
  /** The figure compared with the previous period, and how its difference reads. */
  compare?: { figure: keyof ReportHeadline; unit?: DifferenceUnit };
}

/** The period's figures, each with its change against the previous period and its definition beside it (and as the card's tooltip). */
export function SummaryCards({ report }: { report: ReportSummary }) {
  const { t, language } = useI18n();
  const none = t('reports.none');
  const duration = (seconds: number | null) => (seconds === null ? none : formatDuration(seconds, language));
  const percent = (value: number | null) => (value === null ? none : formatPercent(value, language));
  const business = (seconds: number | null) => t('reports.businessHours', { value: duration(seconds) });
  const current = headlineOf(report);
  const { days } = previousPeriod(report.from, report.to);
  const cards: Card[] = [
    {
      id: 'conversations',
      compare: { figure: 'conversations' },
      label: 'reports.card.conversations',
      definition: 'reports.def.conversations',
      value: String(report.totals.conversations),
    },
    {
      id: 'customers',
      compare: { figure: 'uniqueCustomers' },
      label: 'reports.card.customers',
      definition: 'reports.def.customers',
      value: String(report.uniqueCustomers),
    },
    {
      id: 'frt',
      compare: { figure: 'firstResponseMedianSeconds', unit: 'seconds' },
      label: 'reports.card.frt',
      definition: 'reports.def.frt',
      value: duration(report.firstResponse.raw.medianSeconds),
      detail: `${t('reports.p90', { value: duration(report.firstResponse.raw.p90Seconds) })} · ${business(report.firstResponse.business.medianSeconds)}`,
    },
    {
      id: 'art',
      compare: { figure: 'responseMeanSeconds', unit: 'seconds' },
      label: 'reports.card.art',
      definition: 'reports.def.art',
      value: duration(report.response.raw.meanSeconds),
      detail: business(report.response.business.meanSeconds),
    },
    {
      id: 'resolution',
      compare: { figure: 'resolutionMedianSeconds', unit: 'seconds' },
      label: 'reports.card.resolution',
      definition: 'reports.def.resolution',
      value: duration(report.resolution.raw.medianSeconds),
      detail: business(report.resolution.business.medianSeconds),
    },
    {
      id: 'wait',
      compare: { figure: 'waitMedianSeconds', unit: 'seconds' },
      label: 'reports.card.wait',
      definition: 'reports.def.wait',
      value: duration(report.wait.medianSeconds),
    },
    {
      id: 'abandonment',
      compare: { figure: 'abandonmentRate', unit: 'points' },
      label: 'reports.card.abandonment',
      definition: 'reports.def.abandonment',
      value: percent(report.abandonmentRate),
    },
    {
      id: 'missed',
      compare: { figure: 'missed' },
      label: 'reports.card.missed',
      definition: 'reports.def.missed',
      value: String(report.totals.missed),
    },
    {
      id: 'tickets',
      compare: { figure: 'ticketsOutOfHours' },
      label: 'reports.card.tickets',
      definition: 'reports.def.tickets',
      value: String(report.totals.ticketsOutOfHours),
    },
    {
      id: 'csat',
      compare: { figure: 'csatShare', unit: 'points' },
      label: 'reports.card.csat',
      definition: 'reports.def.csat',
      value: percent(report.csatShare),
    },
    {
      id: 'csatAverage',
      compare: { figure: 'csatAverage' },
      label: 'reports.card.csatAverage',
      definition: 'reports.def.csatAverage',
      value: report.csatAverage === null ? none : report.csatAverage.toLocaleString(language),
      detail: t('reports.comments', { count: report.totals.comments }),
    },
    {
      id: 'nps',
      compare: { figure: 'nps' },
      label: 'reports.card.nps',
      definition: 'reports.def.nps',
      value: report.nps.nps === null ? none : report.nps.nps.toLocaleString(language),
    },
    {
      id: 'reopen',
      compare: { figure: 'reopenRate', unit: 'points' },
      label: 'reports.card.reopen',
      definition: 'reports.def.reopen',
      value: percent(report.reopenRate),
    },
  ];
  return (
    <dl class="report-cards">
      {cards.map((card) => (
        <div key={card.id} class="report-card" data-figure={card.id} title={t(card.definition)}>
          <dt class="report-card-label">{t(card.label)}</dt>
          <dd class="report-card-value">{card.value}</dd>
          {card.detail && <dd class="report-card-detail">{card.detail}</dd>}
          {card.compare && <CardChange {...card.compare} current={current} previous={report.previous} days={days} />}
          <dd class="report-card-definition">{t(card.definition)}</dd>
        </div>
      ))}
    </dl>
  );
}
