import { describe, expect, it } from 'vitest';
import { fromLocalInput, parseHolidays, toLocalInput } from './localInput.ts';

describe('closure times on the schedule’s wall clock', () => {
  it('reads and writes datetime-local values in the schedule’s zone, whatever the browser’s', () => {
    const at = Date.parse('2026-07-01T12:00:00Z');
    expect(toLocalInput(at, 'Europe/Madrid')).toBe('2026-07-01T14:00');
    expect(fromLocalInput('2026-07-01T14:00', 'Europe/Madrid')).toBe(at);
    expect(fromLocalInput('2026-01-01T14:00', 'Europe/Madrid')).toBe(Date.parse('2026-01-01T13:00:00Z'));
    expect(fromLocalInput('tomorrow', 'Europe/Madrid')).toBeNull();
  });

  it('keeps only dates from the holidays box, sorted and once each', () => {
    expect(parseHolidays('2026-12-25\nxmas\n2026-01-06, 2026-12-25')).toEqual(['2026-01-06', '2026-12-25']);
  });
});
