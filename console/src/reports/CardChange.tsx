import type { ReportHeadline } from '@mostrador/shared';
import { changeOf, directionOf, HEADLINE_CHANGE, type Change } from '@mostrador/shared/reports';
import { useI18n } from '../i18n/context.ts';
import type { Language } from '../i18n/index.ts';
import { formatDuration } from './format.ts';

/** How a figure's absolute difference reads: a duration, points of a percentage, or a plain number. */
export type DifferenceUnit = 'seconds' | 'points' | 'number';

const ARROWS = { up: '▲', down: '▼', same: '=' } as const;

function signed(value: number, language: Language): string {
  return new Intl.NumberFormat(language, { signDisplay: 'exceptZero', maximumFractionDigits: 2 }).format(value);
}

function amountOf(change: Change, unit: DifferenceUnit, language: Language, points: (value: string) => string): string {
  if (change.kind === 'relative')
    return new Intl.NumberFormat(language, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(
      change.percent / 100,
    );
  const { difference } = change;
  if (unit === 'seconds') {
    const sign = difference > 0 ? '+' : difference < 0 ? '-' : '';
    return `${sign}${formatDuration(Math.abs(difference), language)}`;
  }
  return unit === 'points' ? points(signed(difference, language)) : signed(difference, language);
}

/**
 * One card's change against the previous period, as text ("+12 % vs previous
 * 7 days"): the sign is in the words, the arrow is decoration only, and a
 * change that cannot be stated reads "—" (and "no comparison" to a screen reader).
 */
export function CardChange({
  figure,
  current,
  previous,
  days,
  unit = 'number',
}: {
  figure: keyof ReportHeadline;
  current: ReportHeadline;
  previous: ReportHeadline;
  days: number;
  unit?: DifferenceUnit;
}) {
  const { t, language } = useI18n();
  const change = changeOf(current[figure], previous[figure], HEADLINE_CHANGE[figure]);
  const period = days === 1 ? t('reports.previousDay') : t('reports.previousDays', { days });
  const direction = change ? directionOf(change) : null;
  return (
    <dd class="report-card-change" data-direction={direction ?? 'none'}>
      {change && direction ? (
        <>
          <span aria-hidden="true">{ARROWS[direction]} </span>
          {t('reports.change', {
            change: amountOf(change, unit, language, (value) => t('reports.points', { value })),
            period,
          })}
        </>
      ) : (
        <>
          <span aria-hidden="true">—</span>
          <span class="visually-hidden">{t('reports.noChange', { period })}</span>
        </>
      )}
    </dd>
  );
}
