import { describe, expect, it } from 'vitest';
import { checkoutRates, emptyReportRow, formatRate } from './reportRates.ts';

describe('checkoutRates', () => {
  it('divides checkouts by invitations, and held-back checkouts by the held back', () => {
    const row = { ...emptyReportRow('trg_1'), fired: 40, checkouts: 10, heldBack: 8, heldBackCheckouts: 1 };
    expect(checkoutRates(row)).toEqual({ fired: 0.25, heldBack: 0.125 });
  });

  it('has no rate where nobody was counted, rather than a misleading 0%', () => {
    expect(checkoutRates({ ...emptyReportRow('trg_1'), fired: 5, checkouts: 0 })).toEqual({ fired: 0, heldBack: null });
    expect(checkoutRates(emptyReportRow('trg_1'))).toEqual({ fired: null, heldBack: null });
  });
});

describe('formatRate', () => {
  it("writes percentages the language's way and a dash for no rate", () => {
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(formatRate(0.125, 'en')).toBe('12.5%');
    expect(plain(formatRate(0.125, 'ca'))).toBe('12,5 %');
    expect(formatRate(0, 'en')).toBe('0%');
    expect(formatRate(null, 'es')).toBe('—');
  });
});
