import type { BusinessHours, Department, ErrorBody, SiteHours } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import { FormFooter } from '../FormFooter.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { LoadState } from '../LoadState.tsx';
import { useLoad } from '../useLoad.ts';
import { ScheduleEditor } from './ScheduleEditor.tsx';

/** A first schedule: weekdays 9 to 18 in the admin's own zone. */
function starterHours(): BusinessHours {
  return {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
    holidays: [],
    closures: [],
  };
}

async function loadPage() {
  const [hours, departments] = await Promise.all([adminApi.getHours(), adminApi.listDepartments()]);
  if (!hours.ok) return hours;
  if (!departments.ok) return departments;
  return { ok: true as const, data: { hours: hours.data, departments: departments.data } };
}

export function HoursPage() {
  const { t } = useAdminI18n();
  const { state, reload } = useLoad(loadPage);
  return (
    <div class="admin-page">
      <h2 id="hours-heading">{t('hours.heading')}</h2>
      <p class="field-hint">{t('hours.intro')}</p>
      {state.phase !== 'ready' ? (
        <LoadState error={state.phase === 'failed' ? state.error : null} onRetry={reload} />
      ) : (
        <HoursForm initial={state.data.hours} departments={state.data.departments} />
      )}
    </div>
  );
}

function HoursForm({ initial, departments }: { initial: SiteHours; departments: Department[] }) {
  const { t } = useAdminI18n();
  const [hours, setHours] = useState(initial);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const edit = (next: SiteHours) => {
    setHours(next);
    setSaved(false);
  };
  const own = new Set(hours.departments.map((d) => d.departmentId));
  const nameOf = (id: string) => departments.find((d) => d.id === id)?.name ?? id;

  async function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    const result = await adminApi.replaceHours(hours);
    setSaving(false);
    if (!result.ok) return setError(result.error);
    setHours(result.data);
    setSaved(true);
  }

  return (
    <form class="admin-form admin-card" data-part="hours-form" aria-labelledby="hours-heading" onSubmit={submit} noValidate>
      <label class="check">
        <input
          type="checkbox"
          name="alwaysOpen"
          checked={hours.site === null}
          onChange={(event) => edit({ ...hours, site: event.currentTarget.checked ? null : starterHours() })}
        />
        <span class="check-label">{t('hours.alwaysOpen')}</span>
      </label>
      {hours.site && <ScheduleEditor schedule={hours.site} onChange={(site) => edit({ ...hours, site })} />}
      {departments.length > 0 && (
        <section class="hours-departments" aria-labelledby="hours-departments-heading">
          <h3 id="hours-departments-heading">{t('hours.departments')}</h3>
          <p class="field-hint">{t('hours.departmentsHint')}</p>
          {hours.departments.map(({ departmentId, hours: schedule }) => (
            <fieldset key={departmentId} data-part="department-hours" data-department-id={departmentId}>
              <legend>{t('hours.departmentLegend', { name: nameOf(departmentId) })}</legend>
              <ScheduleEditor
                schedule={schedule}
                onChange={(next) =>
                  edit({
                    ...hours,
                    departments: hours.departments.map((d) => (d.departmentId === departmentId ? { departmentId, hours: next } : d)),
                  })
                }
              />
              <button
                type="button"
                class="button"
                onClick={() => edit({ ...hours, departments: hours.departments.filter((d) => d.departmentId !== departmentId) })}
              >
                {t('hours.removeDepartment', { name: nameOf(departmentId) })}
              </button>
            </fieldset>
          ))}
          {departments
            .filter((d) => !own.has(d.id))
            .map((d) => (
              <button
                key={d.id}
                type="button"
                class="button"
                data-part="add-department-hours"
                onClick={() =>
                  edit({ ...hours, departments: [...hours.departments, { departmentId: d.id, hours: hours.site ?? starterHours() }] })
                }
              >
                {t('hours.addDepartment', { name: d.name })}
              </button>
            ))}
        </section>
      )}
      {saved && (
        <p class="admin-status" role="status">
          {t('hours.saved')}
        </p>
      )}
      <FormFooter error={error} submitting={saving} label={t('hours.save')} busyLabel={t('hours.saving')} />
    </form>
  );
}
