import type { AgentSummary, ConversationOrigin, Department, ReportQuery } from '@mostrador/shared';
import { ATTRIBUTION_DAYS_DEFAULT, ATTRIBUTION_DAYS_MAX } from '@mostrador/shared/reports';
import { useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import { presetRange } from './reportsApi.ts';

interface RangeFormProps {
  query: ReportQuery;
  today: Date;
  departments: readonly Department[];
  agents: readonly AgentSummary[];
  /** The site's tag names. */
  tags: readonly string[];
  /** The site's own time zone, the default, once known. */
  siteTimeZone: string | null;
  onChange: (query: ReportQuery) => void;
}

/** The zones the browser knows, to choose from (the server checks the name again). */
function knownTimeZones(): readonly string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

/** Every way a conversation starts (the contract's list; a value import of the contract would bring zod into the console). */
const ORIGINS: readonly ConversationOrigin[] = ['visitor', 'agent', 'trigger', 'email'];

const PRESETS = [
  { days: 1, label: 'reports.preset.today' },
  { days: 7, label: 'reports.preset.7' },
  { days: 30, label: 'reports.preset.30' },
] as const;

/**
 * Presets (today, 7 and 30 days), a custom range of dates, filters by
 * department, agent, origin and tag, the time zone the days are read in
 * (the site's unless chosen), and how long a purchase counts after a chat.
 */
export function RangeForm({ query, today, departments, agents, tags, siteTimeZone, onChange }: RangeFormProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(query);
  const zones = useMemo(knownTimeZones, []);
  const apply = (next: ReportQuery) => {
    setDraft(next);
    onChange(next);
  };
  return (
    <form
      class="report-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.from <= draft.to) onChange(draft);
      }}
    >
      <fieldset class="report-presets">
        <legend>{t('reports.period')}</legend>
        {PRESETS.map((preset) => {
          const range = presetRange(preset.days, today);
          const current = range.from === query.from && range.to === query.to;
          return (
            <button key={preset.days} type="button" class="button" aria-pressed={current} onClick={() => apply({ ...draft, ...range })}>
              {t(preset.label)}
            </button>
          );
        })}
      </fieldset>
      <label class="report-field">
        {t('reports.from')}
        <input
          type="date"
          value={draft.from}
          max={draft.to}
          required
          onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
        />
      </label>
      <label class="report-field">
        {t('reports.to')}
        <input type="date" value={draft.to} min={draft.from} required onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
      </label>
      <label class="report-field">
        {t('reports.department')}
        <select value={draft.departmentId ?? ''} onChange={(e) => setDraft({ ...draft, departmentId: e.currentTarget.value || undefined })}>
          <option value="">{t('reports.all')}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label class="report-field">
        {t('reports.agent')}
        <select value={draft.agentId ?? ''} onChange={(e) => setDraft({ ...draft, agentId: e.currentTarget.value || undefined })}>
          <option value="">{t('reports.all')}</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label class="report-field">
        {t('reports.origin')}
        <select
          value={draft.origin ?? ''}
          onChange={(e) => setDraft({ ...draft, origin: ORIGINS.find((o) => o === e.currentTarget.value) })}
        >
          <option value="">{t('reports.all')}</option>
          {ORIGINS.map((origin) => (
            <option key={origin} value={origin}>
              {t(`reports.origin.${origin}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="report-field">
        {t('reports.tag')}
        <select value={draft.tag ?? ''} onChange={(e) => setDraft({ ...draft, tag: e.currentTarget.value || undefined })}>
          <option value="">{t('reports.all')}</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      <label class="report-field">
        {t('reports.timeZone')}
        <select value={draft.timeZone ?? ''} onChange={(e) => setDraft({ ...draft, timeZone: e.currentTarget.value || undefined })}>
          <option value="">{siteTimeZone ? t('reports.siteTimeZoneNamed', { zone: siteTimeZone }) : t('reports.siteTimeZone')}</option>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <label class="report-field">
        {t('reports.attributionDays')}
        <input
          type="number"
          min={1}
          max={ATTRIBUTION_DAYS_MAX}
          required
          value={draft.attributionDays ?? ATTRIBUTION_DAYS_DEFAULT}
          onInput={(e) => {
            const days = e.currentTarget.valueAsNumber;
            setDraft({ ...draft, attributionDays: days === ATTRIBUTION_DAYS_DEFAULT || Number.isNaN(days) ? undefined : days });
          }}
        />
      </label>
      <button type="submit" class="button primary">
        {t('reports.show')}
      </button>
    </form>
  );
}
