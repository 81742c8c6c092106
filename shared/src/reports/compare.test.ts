import { describe, expect, it } from 'vitest';
import { changeOf, directionOf, moneyChangeOf, previousPeriod } from './compare.ts';

describe('comparing a report with the previous period', () => {
  it('takes as many local days, ending the day before the range starts', () => {
    expect(previousPeriod('2026-12-07', '2026-12-13')).toEqual({ from: '2026-11-30', to: '2026-12-06', days: 7 });
    expect(previousPeriod('2026-12-06', '2026-12-06')).toEqual({ from: '2026-12-05', to: '2026-12-05', days: 1 });
    // Across a month of 31 days and a leap February.
    expect(previousPeriod('2028-03-01', '2028-03-30')).toEqual({ from: '2028-01-31', to: '2028-02-29', days: 30 });
  });

  it('states a count’s change in percent of the previous value, with one decimal', () => {
    expect(changeOf(112, 100, 'relative')).toEqual({ kind: 'relative', percent: 12 });
    expect(changeOf(2, 3, 'relative')).toEqual({ kind: 'relative', percent: -33.3 });
    expect(changeOf(5, 5, 'relative')).toEqual({ kind: 'relative', percent: 0 });
    expect(changeOf(0, 4, 'relative')).toEqual({ kind: 'relative', percent: -100 });
  });

  it('has no relative change from nothing, nor any change when a value is missing', () => {
    expect(changeOf(7, 0, 'relative')).toBeNull();
    expect(changeOf(0, 0, 'relative')).toBeNull();
    expect(changeOf(7, null, 'relative')).toBeNull();
    expect(changeOf(null, 7, 'relative')).toBeNull();
    expect(changeOf(null, null, 'absolute')).toBeNull();
    expect(changeOf(30, null, 'absolute')).toBeNull();
    expect(changeOf(null, 30, 'absolute')).toBeNull();
  });

  it('states durations, shares and scores as the difference, even from 0', () => {
    expect(changeOf(90, 120, 'absolute')).toEqual({ kind: 'absolute', difference: -30 });
    expect(changeOf(12.5, 0, 'absolute')).toEqual({ kind: 'absolute', difference: 12.5 });
    // Averages with two decimals do not drift into float noise.
    expect(changeOf(4.3, 4.1, 'absolute')).toEqual({ kind: 'absolute', difference: 0.2 });
  });

  it('reads the direction from the sign', () => {
    expect(directionOf({ kind: 'relative', percent: 12 })).toBe('up');
    expect(directionOf({ kind: 'absolute', difference: -1 })).toBe('down');
    expect(directionOf({ kind: 'absolute', difference: 0 })).toBe('same');
  });

  it('compares money per currency, never across currencies', () => {
    const eur = (amount: number) => ({ currency: 'EUR', amount });
    const usd = (amount: number) => ({ currency: 'USD', amount });
    expect(moneyChangeOf([usd(15), eur(60)], [eur(40)])).toEqual([
      { currency: 'EUR', change: { kind: 'relative', percent: 50 } },
      // New this period: no percentage of nothing.
      { currency: 'USD', change: null },
    ]);
    // Gone this period: all of it lost.
    expect(moneyChangeOf([], [eur(40)])).toEqual([{ currency: 'EUR', change: { kind: 'relative', percent: -100 } }]);
    expect(moneyChangeOf([], [])).toEqual([]);
  });
});
