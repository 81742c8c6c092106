import type { TriggerRule } from '@mostrador/shared';
import { useId, useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import { Field } from '../Field.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { LoadState } from '../LoadState.tsx';
import { useLoad } from '../useLoad.ts';
import { ConversionTable } from './ConversionTable.tsx';
import { ReportTable } from './ReportTable.tsx';

export const REPORT_PERIODS = [7, 30, 90] as const;
const DEFAULT_PERIOD = 30;

/**
 * What followed each rule's invitations over a chosen period, against the
 * visitors its cap held back; then what the chats it started led to, against
 * the visitors who did not chat.
 */
export function TriggerReport({ triggers }: { triggers: readonly TriggerRule[] }) {
  const { t } = useAdminI18n();
  const id = useId();
  const [days, setDays] = useState<number>(DEFAULT_PERIOD);
  // useLoad runs the loader of the render that asked it to reload, which already has the new period.
  const { state, reload } = useLoad(() => adminApi.triggerReport(days));

  return (
    <section class="admin-card trigger-report" aria-labelledby={`${id}-heading`} data-part="trigger-report">
      <div class="report-head">
        <h3 id={`${id}-heading`}>{t('report.heading')}</h3>
        <Field label={t('report.period')}>
          {({ id: selectId }) => (
            <select
              id={selectId}
              name="days"
              value={String(days)}
              onChange={(event) => {
                setDays(Number(event.currentTarget.value));
                reload();
              }}
            >
              {REPORT_PERIODS.map((period) => (
                <option key={period} value={String(period)}>
                  {t('report.lastDays', { days: period })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p class="field-hint" id={`${id}-explanation`} data-part="report-explanation">
        {t('report.explanation')}
      </p>
      {state.phase !== 'ready' ? (
        <LoadState error={state.phase === 'failed' ? state.error : null} onRetry={reload} />
      ) : (
        <>
          <ReportTable report={state.data} triggers={triggers} describedBy={`${id}-explanation`} />
          <p class="field-hint" id={`${id}-conversions`} data-part="conversion-explanation">
            {t('report.conversionExplanation', { window: state.data.attributionDays })}
          </p>
          <ConversionTable report={state.data} triggers={triggers} describedBy={`${id}-conversions`} />
        </>
      )}
    </section>
  );
}
