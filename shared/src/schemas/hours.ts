import { z } from 'zod';
import { isTimeZone, type Schedule } from '../hours/schedule.ts';
import { Id, Timestamp } from './common.ts';

/** "HH:MM"; "24:00" closes a span at the end of the day. */
const SpanClock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/);
const LocalDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

/** A weekly schedule in an IANA time zone, with holidays and one-off closures. */
export const BusinessHours = z.object({
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'Unknown time zone'),
  weekly: z.array(z.object({ day: z.number().int().min(0).max(6), from: SpanClock, to: SpanClock })).max(42),
  holidays: z.array(LocalDate).max(200),
  closures: z.array(z.object({ from: Timestamp, to: Timestamp }).refine((c) => c.to > c.from, 'A closure ends after it starts')).max(100),
});
export type BusinessHours = z.infer<typeof BusinessHours>;
// The pure schedule functions take exactly what the contract carries.
BusinessHours satisfies z.ZodType<Schedule>;

/** A site's hours and the departments that keep hours of their own; null: always open. */
export const SiteHours = z.object({
  site: BusinessHours.nullable(),
  departments: z.array(z.object({ departmentId: Id, hours: BusinessHours })).max(200),
});
export type SiteHours = z.infer<typeof SiteHours>;

/** What the widget needs to tell the truth about availability. */
export const WidgetHours = z.object({
  site: BusinessHours.nullable(),
  /** Overrides by department slug (the name the widget knows departments by). */
  departments: z.record(z.string(), BusinessHours),
});
export type WidgetHours = z.infer<typeof WidgetHours>;
