import type { LiveFigures } from '@mostrador/shared';
import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';
import { formatDuration } from './format.ts';
import type { LiveFeed } from './liveFeed.ts';

/**
 * What is happening now, at the top of the Reports page: pushed by the
 * server when it changes (never polled). Not an aria-live region: figures
 * that change every second would drown a screen reader; they are read on demand.
 */
export function LiveNow({ feed }: { feed: LiveFeed }) {
  const { t, language } = useI18n();
  const [figures, setFigures] = useState<LiveFigures | null>(null);
  useEffect(() => feed.subscribe(setFigures), [feed]);
  const none = t('reports.none');
  const items: Array<{ id: string; label: MessageKey; definition: MessageKey; value: string }> = [
    {
      id: 'inProgress',
      label: 'reports.live.inProgress',
      definition: 'reports.live.def.inProgress',
      value: String(figures?.inProgress ?? none),
    },
    { id: 'queued', label: 'reports.live.queued', definition: 'reports.live.def.queued', value: String(figures?.queued ?? none) },
    {
      id: 'agentsOnline',
      label: 'reports.live.agentsOnline',
      definition: 'reports.live.def.agentsOnline',
      value: String(figures?.agentsOnline ?? none),
    },
    {
      id: 'frtToday',
      label: 'reports.live.frtToday',
      definition: 'reports.live.def.frtToday',
      value: figures?.firstResponseMedianSeconds == null ? none : formatDuration(figures.firstResponseMedianSeconds, language),
    },
  ];
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
    </section>
  );
}
