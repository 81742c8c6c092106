import { useI18n } from '../i18n/context.ts';
import { formatPercent } from './format.ts';

/** A count, its share of the column, and a bar of that share (an SVG width: the console's CSP allows no style attribute). */
export function BarCell({ count, total }: { count: number; total: number }) {
  const { t, language } = useI18n();
  const share = total === 0 ? 0 : Math.round((count / total) * 1000) / 10;
  return (
    <td class="report-bar-cell">
      <span>{total === 0 ? count : t('reports.share', { count, percent: formatPercent(share, language) })}</span>
      <svg class="report-bar" aria-hidden="true" focusable="false">
        <rect width={`${share}%`} height="100%" />
      </svg>
    </td>
  );
}
