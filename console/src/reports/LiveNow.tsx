import type { LiveFigures, LiveFilter } from '@mostrador/shared';
import {
  liveFilterKey,
  liveFiltersIgnored,
  type LIVE_FILTERS_APPLIED,
  type LiveFigureName,
  type LiveFilterKey,
} from '@mostrador/shared/reports';
import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';
import { formatDuration } from './format.ts';
import type { LiveFeed } from './liveFeed.ts';

/**
 * Why a figure leaves out a filter, for every filter a figure leaves out
 * (`LIVE_FILTERS_APPLIED`): a new figure or filter without its sentence does not compile.
 */
const IGNORED: {
  [F in LiveFigureName]: Record<Exclude<LiveFilterKey, (typeof LIVE_FILTERS_APPLIED)[F][number]>, MessageKey>;
} = {
  inProgress: {},
  queued: { agentId: 'reports.live.ignores.queued.agentId' },
  ticketsOpen: {},
  ticketsWaiting: {},
  agentsOnline: { origin: 'reports.live.ignores.agentsOnline.origin', tag: 'reports.live.ignores.agentsOnline.tag' },
  firstResponseMedianSeconds: {},
};

/** The page's report query, as far as "Live now" reads it: its filters. */
export function liveFilterOf(query: LiveFilter): LiveFilter {
  const { departmentId, agentId, origin, tag } = query;
  return {
    ...(departmentId ? { departmentId } : {}),
    ...(agentId ? { agentId } : {}),
    ...(origin ? { origin } : {}),
    ...(tag ? { tag } : {}),
  };
}

/**
 * What is happening now, at the top of the Reports page, for the page's
 * filters: pushed by the server when it changes (never polled). Not an
 * aria-live region: figures that change every second would drown a screen
 * reader; they are read on demand. Where a figure cannot follow a filter
 * that is set, a sentence under the figures says so.
 */
export function LiveNow({ feed, filter = {} }: { feed: LiveFeed; filter?: LiveFilter }) {
  const { t, language } = useI18n();
  const [figures, setFigures] = useState<LiveFigures | null>(null);
  const key = liveFilterKey(filter);
  useEffect(() => {
    setFigures(null);
    return feed.subscribe(filter, setFigures);
    // The key stands for the filter: a new object with the same filters is not a new subscription.
  }, [feed, key]);
  const none = t('reports.none');
  const count = (value: number | undefined) => String(value ?? none);
  const items: Array<{ id: string; label: MessageKey; definition: MessageKey; value: string }> = [
    { id: 'inProgress', label: 'reports.live.inProgress', definition: 'reports.live.def.inProgress', value: count(figures?.inProgress) },
    { id: 'queued', label: 'reports.live.queued', definition: 'reports.live.def.queued', value: count(figures?.queued) },
    {
      id: 'ticketsOpen',
      label: 'reports.live.ticketsOpen',
      definition: 'reports.live.def.ticketsOpen',
      value: count(figures?.ticketsOpen),
    },
    {
      id: 'ticketsWaiting',
      label: 'reports.live.ticketsWaiting',
      definition: 'reports.live.def.ticketsWaiting',
      value: count(figures?.ticketsWaiting),
    },
    {
      id: 'agentsOnline',
      label: 'reports.live.agentsOnline',
      definition: 'reports.live.def.agentsOnline',
      value: count(figures?.agentsOnline),
    },
    {
      id: 'frtToday',
      label: 'reports.live.frtToday',
      definition: 'reports.live.def.frtToday',
      value: figures?.firstResponseMedianSeconds == null ? none : formatDuration(figures.firstResponseMedianSeconds, language),
    },
  ];
  const ignored = liveFiltersIgnored(filter).flatMap(({ figure, ignored: keys }) =>
    keys.map((filterKey) => (IGNORED[figure] as Partial<Record<LiveFilterKey, MessageKey>>)[filterKey]).filter((m) => m !== undefined),
  );
  const filtered = Object.keys(filter).length > 0;
  return (
    <section class="report-section report-live" aria-labelledby="report-live-title">
      <h2 class="report-heading" id="report-live-title">
        {t('reports.live.title')}
      </h2>
      {figures === null && <p class="report-live-note">{t('reports.live.unavailable')}</p>}
      <dl class="report-live-figures">
        {items.map((item) => (
          <div key={item.id} class="report-live-figure" data-live={item.id} title={t(item.definition)}>
            <dt>{t(item.label)}</dt>
            <dd class="report-live-value">{item.value}</dd>
          </div>
        ))}
      </dl>
      {filtered && (
        <div class="report-live-note" data-part="live-filters">
          <p>{t('reports.live.filtered')}</p>
          {ignored.length > 0 && (
            <ul>
              {ignored.map((message) => (
                <li key={message}>{t(message)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
