import type { ReportSummary } from '@mostrador/shared';
import { DURATION_BUCKET_KEYS } from '@mostrador/shared/reports';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/context.ts';
import { BarCell } from './BarCell.tsx';
import { ReportSection } from './ReportSection.tsx';

type Figure = ReportSummary['firstResponse'];

const FIGURES = [
  { id: 'frt', pick: (r: ReportSummary) => r.firstResponse, caption: 'reports.dist.frt' },
  { id: 'response', pick: (r: ReportSummary) => r.response, caption: 'reports.dist.response' },
  { id: 'resolution', pick: (r: ReportSummary) => r.resolution, caption: 'reports.dist.resolution' },
] as const satisfies ReadonlyArray<{ id: string; pick: (r: ReportSummary) => Figure; caption: MessageKey }>;

/**
 * How long first responses, answers and resolutions took, by bucket (under
 * 1 min … 24 h or more), raw and in business hours: a table per figure
 * whose bars show each bucket's share, so the numbers are the chart.
 */
export function Distributions({ report }: { report: ReportSummary }) {
  const { t } = useI18n();
  return (
    <ReportSection part="distributions" heading="reports.distribution" definition="reports.def.distribution">
      <div class="report-distribution-tables">
        {FIGURES.map(({ id, pick, caption }) => {
          const { raw, business } = pick(report);
          return (
            <table key={id} class="report-table report-distribution" data-distribution={id}>
              <caption>{t(caption)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.col.duration')}</th>
                  <th scope="col">{t('reports.col.raw')}</th>
                  <th scope="col">{t('reports.col.business')}</th>
                </tr>
              </thead>
              <tbody>
                {DURATION_BUCKET_KEYS.map((bucket, i) => (
                  <tr key={bucket}>
                    <th scope="row">{t(`reports.bucket.${bucket}`)}</th>
                    <BarCell count={raw.buckets[i] ?? 0} total={raw.count} />
                    <BarCell count={business.buckets[i] ?? 0} total={business.count} />
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
    </ReportSection>
  );
}
