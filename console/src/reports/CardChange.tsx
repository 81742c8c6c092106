import type { ReportHeadline } from '@mostrador/shared';
import { changeOf, HEADLINE_CHANGE } from '@mostrador/shared/reports';
import { ChangeText, directionAttribute, type DifferenceUnit } from './ChangeText.tsx';

export type { DifferenceUnit } from './ChangeText.tsx';

/** One summary card's change against the previous period (see ChangeText). */
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
  const change = changeOf(current[figure], previous[figure], HEADLINE_CHANGE[figure]);
  return (
    <dd class="report-card-change" data-direction={directionAttribute(change)}>
      <ChangeText change={change} days={days} unit={unit} />
    </dd>
  );
}
