import type { CurrencyAmount } from '@mostrador/shared';
import { directionOf, moneyChangeOf, type Change } from '@mostrador/shared/reports';
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

/** The direction a change is drawn with, as a data attribute ("none" without a change): decoration, never the meaning. */
export const directionAttribute = (change: Change | null) => (change ? directionOf(change) : 'none');

interface ChangeTextProps {
  change: Change | null;
  /** Days of the period, so of the previous one too. */
  days: number;
  unit?: DifferenceUnit;
  /** In a table cell: the arrow and amount alone on screen, the whole sentence for screen readers. */
  compact?: boolean;
}

/**
 * A change against the previous period, as text ("+12 % vs previous 7
 * days"): the sign is in the words, the arrow is decoration only, and a
 * change that cannot be stated reads "—" (and "no comparison" to a screen reader).
 */
export function ChangeText({ change, days, unit = 'number', compact = false }: ChangeTextProps) {
  const { t, language } = useI18n();
  const period = days === 1 ? t('reports.previousDay') : t('reports.previousDays', { days });
  if (!change)
    return (
      <>
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">{t('reports.noChange', { period })}</span>
      </>
    );
  const arrow = ARROWS[directionOf(change)];
  const amount = amountOf(change, unit, language, (value) => t('reports.points', { value }));
  const words = t('reports.change', { change: amount, period });
  return compact ? (
    <>
      <span aria-hidden="true">
        {arrow} {amount}
      </span>
      <span class="visually-hidden">{words}</span>
    </>
  ) : (
    <>
      <span aria-hidden="true">{arrow} </span>
      {words}
    </>
  );
}

/** The change of sums per currency, each against its own currency (named when there are several), never added together. */
export function MoneyChangeText({
  current,
  previous,
  days,
  compact,
}: {
  current: readonly CurrencyAmount[];
  previous: readonly CurrencyAmount[];
  days: number;
  compact?: boolean;
}) {
  const changes = moneyChangeOf(current, previous);
  if (changes.length === 0) return <ChangeText change={null} days={days} compact={compact} />;
  return (
    <>
      {changes.map(({ currency, change }, i) => (
        <span key={currency}>
          {i > 0 && ' · '}
          {changes.length > 1 && `${currency} `}
          <ChangeText change={change} days={days} compact={compact} />
        </span>
      ))}
    </>
  );
}
