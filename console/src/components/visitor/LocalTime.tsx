import { useI18n } from '../../i18n/context.ts';
import { useMinuteClock } from '../useMinuteClock.ts';
import { formatLocalTime } from './format.ts';

/** The visitor's wall-clock time ("is it late there?"), kept current minute by minute. */
export function LocalTime({ timeZone }: { timeZone: string }) {
  const { language } = useI18n();
  const now = useMinuteClock();
  const time = formatLocalTime(now, timeZone, language);
  if (time === null) return <span>{timeZone}</span>;
  return (
    <span data-part="local-time">
      <time dateTime={new Date(now).toISOString()}>{time}</time> <span class="muted-text">({timeZone})</span>
    </span>
  );
}
