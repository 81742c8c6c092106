import type { AgentProfile, AgentSummary, Department, ReportQuery, TagListBody } from '@mostrador/shared';
import { previousPeriod } from '@mostrador/shared/reports';
import { useEffect, useState } from 'preact/hooks';
import { adminApi, request } from '../admin/api.ts';
import { Header } from '../components/Header.tsx';
import { useI18n } from '../i18n/context.ts';
import { AgentTimeTable } from './AgentTimeTable.tsx';
import { Distributions } from './Distributions.tsx';
import { GroupTable } from './GroupTable.tsx';
import { Heatmap } from './Heatmap.tsx';
import type { LiveFeed } from './liveFeed.ts';
import { LiveNow, liveFilterOf } from './LiveNow.tsx';
import { RangeForm } from './RangeForm.tsx';
import { presetRange, reportsApi } from './reportsApi.ts';
import { RevenueCards } from './RevenueCards.tsx';
import { RevenueDays } from './RevenueDays.tsx';
import { SummaryCards } from './SummaryCards.tsx';
import { TrendCharts } from './TrendCharts.tsx';
import { TriggerRevenueTable } from './TriggerRevenueTable.tsx';
import { useReport } from './useReport.ts';
import { VolumeBreakdown } from './VolumeBreakdown.tsx';
import { VolumeChart } from './VolumeChart.tsx';
import './reports.css';

/** What the page reads: the reports, and the departments and agents to filter by. */
export interface ReportsSources {
  summary: typeof reportsApi.summary;
  csvUrl: typeof reportsApi.csvUrl;
  agentsCsvUrl: typeof reportsApi.agentsCsvUrl;
  listDepartments: typeof adminApi.listDepartments;
  listAgents: typeof adminApi.listAgents;
  /** The site's tag names, to filter by. */
  listTags: () => Promise<readonly string[]>;
}

const defaultSources: ReportsSources = {
  ...reportsApi,
  listDepartments: adminApi.listDepartments,
  listAgents: adminApi.listAgents,
  listTags: () => request<TagListBody>('GET', '/api/tags').then((r) => (r.ok ? r.data.tags.map((tag) => tag.name) : [])),
};

interface ReportsScreenProps {
  agent: AgentProfile;
  onLogout: () => void;
  sources?: ReportsSources;
  today?: Date;
  /** "Live now", over the console's socket; without it the panel is not shown. */
  liveFeed?: LiveFeed;
}

/**
 * Admins' reports: a period and filters, the figures with their definitions and changes, purchases after
 * chats, figures per day, distributions, the weekday × hour heatmap, and the groups' tables.
 */
export function ReportsScreen({ agent, onLogout, sources = defaultSources, today = new Date(), liveFeed }: ReportsScreenProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState<ReportQuery>(() => presetRange(7, today));
  const [attempt, setAttempt] = useState(0);
  const { state, previous, siteTimeZone } = useReport(sources.summary, query, attempt);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [agents, setAgents] = useState<AgentSummary[]>([]);
  const [tags, setTags] = useState<readonly string[]>([]);

  useEffect(() => {
    void sources.listDepartments().then((r) => r.ok && setDepartments(r.data));
    void sources.listAgents().then((r) => r.ok && setAgents(r.data));
    void sources.listTags().then(setTags);
  }, [sources]);

  const { days } = previousPeriod(query.from, query.to);
  return (
    <div class="app-shell admin-shell reports-shell">
      <Header agent={agent} onLogout={onLogout} />
      <main class="admin-main reports-main">
        <h1 class="admin-title">{t('reports.title')}</h1>
        {liveFeed && <LiveNow feed={liveFeed} filter={liveFilterOf(query)} />}
        <RangeForm
          query={query}
          today={today}
          departments={departments}
          agents={agents}
          tags={tags}
          siteTimeZone={siteTimeZone}
          onChange={setQuery}
        />
        <p class="report-download">
          <a class="button" href={sources.csvUrl(query)} download data-csv="days">
            {t('reports.download')}
          </a>
          <a class="button" href={sources.agentsCsvUrl(query)} download data-csv="agents">
            {t('reports.downloadAgents')}
          </a>
        </p>
        {state.phase === 'loading' && (
          <p class="admin-note" role="status">
            {t('reports.loading')}
          </p>
        )}
        {state.phase === 'failed' && (
          <div class="admin-note">
            <p class="form-error" role="alert">
              {t('reports.failed')} {state.error.message}
            </p>
            <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>
              {t('reports.retry')}
            </button>
          </div>
        )}
        {state.phase === 'ready' && (
          <>
            <SummaryCards report={state.report} />
            <RevenueCards revenue={state.report.revenue} previous={previous?.revenue} days={days} />
            <RevenueDays revenue={state.report.revenue} />
            <VolumeChart days={state.report.days} />
            <VolumeBreakdown report={state.report} />
            <TrendCharts days={state.report.days} />
            <Distributions report={state.report} />
            <Heatmap heatmap={state.report.heatmap} />
            <div class="report-groups">
              <GroupTable
                title="reports.byAgent"
                rows={state.report.byAgent}
                previous={previous?.byAgent}
                days={days}
                nameOf={(id) => agents.find((a) => a.id === id)?.name}
              />
              <GroupTable
                title="reports.byDepartment"
                rows={state.report.byDepartment}
                previous={previous?.byDepartment}
                days={days}
                nameOf={(id) => departments.find((d) => d.id === id)?.name}
              />
            </div>
            <TriggerRevenueTable rows={state.report.revenue.byTrigger} />
            <AgentTimeTable rows={state.report.agentTime} nameOf={(id) => agents.find((a) => a.id === id)?.name} />
          </>
        )}
      </main>
    </div>
  );
}
