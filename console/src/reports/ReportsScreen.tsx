import type { AgentProfile, AgentSummary, Department, ErrorBody, ReportQuery, ReportSummary, TagListBody } from '@mostrador/shared';
import { useEffect, useState } from 'preact/hooks';
import { adminApi, request } from '../admin/api.ts';
import { Header } from '../components/Header.tsx';
import { useI18n } from '../i18n/context.ts';
import { AgentTimeTable } from './AgentTimeTable.tsx';
import { GroupTable } from './GroupTable.tsx';
import { Heatmap } from './Heatmap.tsx';
import type { LiveFeed } from './liveFeed.ts';
import { LiveNow } from './LiveNow.tsx';
import { RangeForm } from './RangeForm.tsx';
import { presetRange, reportsApi } from './reportsApi.ts';
import { RevenueCards } from './RevenueCards.tsx';
import { SummaryCards } from './SummaryCards.tsx';
import { TriggerRevenueTable } from './TriggerRevenueTable.tsx';
import { VolumeChart } from './VolumeChart.tsx';
import './reports.css';

/** What the page reads: the reports, and the departments and agents to filter by. */
export interface ReportsSources {
  summary: typeof reportsApi.summary;
  csvUrl: typeof reportsApi.csvUrl;
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

type Loaded = { phase: 'loading' } | { phase: 'failed'; error: ErrorBody } | { phase: 'ready'; report: ReportSummary };

/** Admins' reports: a period and filters, the figures with their definitions, purchases after chats, the volume per day and the weekday × hour heatmap. */
export function ReportsScreen({ agent, onLogout, sources = defaultSources, today = new Date(), liveFeed }: ReportsScreenProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState<ReportQuery>(() => presetRange(7, today));
  const [state, setState] = useState<Loaded>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [agents, setAgents] = useState<AgentSummary[]>([]);
  const [tags, setTags] = useState<readonly string[]>([]);

  useEffect(() => {
    void sources.listDepartments().then((r) => r.ok && setDepartments(r.data));
    void sources.listAgents().then((r) => r.ok && setAgents(r.data));
    void sources.listTags().then(setTags);
  }, [sources]);

  useEffect(() => {
    let cancelled = false;
    setState({ phase: 'loading' });
    void sources.summary(query).then((result) => {
      if (cancelled) return;
      setState(result.ok ? { phase: 'ready', report: result.data } : { phase: 'failed', error: result.error });
    });
    return () => {
      cancelled = true;
    };
  }, [sources, query, attempt]);

  return (
    <div class="app-shell admin-shell reports-shell">
      <Header agent={agent} onLogout={onLogout} />
      <main class="admin-main reports-main">
        <h1 class="admin-title">{t('reports.title')}</h1>
        {liveFeed && <LiveNow feed={liveFeed} />}
        <RangeForm query={query} today={today} departments={departments} agents={agents} tags={tags} onChange={setQuery} />
        <p class="report-download">
          <a class="button" href={sources.csvUrl(query)} download>
            {t('reports.download')}
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
            <RevenueCards revenue={state.report.revenue} />
            <VolumeChart days={state.report.days} />
            <Heatmap heatmap={state.report.heatmap} />
            <div class="report-groups">
              <GroupTable title="reports.byAgent" rows={state.report.byAgent} nameOf={(id) => agents.find((a) => a.id === id)?.name} />
              <GroupTable
                title="reports.byDepartment"
                rows={state.report.byDepartment}
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
