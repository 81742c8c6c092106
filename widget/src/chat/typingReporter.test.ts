import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypingReporter, DRAFT_INTERVAL_MS, TYPING_IDLE_MS } from './typingReporter.ts';

describe('typing reporter', () => {
  let reports: boolean[];
  beforeEach(() => {
    vi.useFakeTimers();
    reports = [];
  });
  afterEach(() => vi.useRealTimers());

  const reporter = () =>
    createTypingReporter(
      (typing) => reports.push(typing),
      () => false,
    );

  it('announces typing once when the field becomes non-empty, then at most every 2 s', () => {
    const typing = reporter();
    typing.input('h');
    typing.input('he');
    vi.advanceTimersByTime(1_000);
    typing.input('hel');
    expect(reports).toEqual([true]);
    vi.advanceTimersByTime(1_000);
    typing.input('hell');
    expect(reports).toEqual([true, true]);
    vi.advanceTimersByTime(500);
    typing.input('hello');
    expect(reports).toEqual([true, true]);
  });

  it('announces a stop after 3 s idle, once', () => {
    const typing = reporter();
    typing.input('hi');
    vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    expect(reports).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(reports).toEqual([true, false]);
    vi.advanceTimersByTime(10_000);
    expect(reports).toEqual([true, false]);
  });

  it('keystrokes push the idle stop back', () => {
    const typing = reporter();
    typing.input('a');
    vi.advanceTimersByTime(2_500);
    typing.input('ab');
    vi.advanceTimersByTime(2_500);
    expect(reports).toEqual([true, true]);
    vi.advanceTimersByTime(500);
    expect(reports).toEqual([true, true, false]);
  });

  it('announces a stop when the field empties or on send, and nothing when not typing', () => {
    const typing = reporter();
    typing.input('x');
    typing.input('');
    expect(reports).toEqual([true, false]);
    typing.stop();
    typing.input('   ');
    expect(reports).toEqual([true, false]);
    typing.input('y');
    typing.stop();
    expect(reports).toEqual([true, false, true, false]);
    vi.advanceTimersByTime(TYPING_IDLE_MS);
    expect(reports).toEqual([true, false, true, false]);
  });

  describe('with typing preview', () => {
    let drafts: Array<[boolean, string | undefined]>;
    const previewing = () =>
      createTypingReporter(
        (typing, draft) => drafts.push([typing, draft]),
        () => true,
      );
    beforeEach(() => {
      drafts = [];
    });

    it('sends the draft at most four times a second, the latest text last', () => {
      const typing = previewing();
      typing.input('H');
      typing.input('Ho');
      typing.input('Hol');
      expect(drafts).toEqual([[true, 'H']]);
      vi.advanceTimersByTime(DRAFT_INTERVAL_MS);
      expect(drafts).toEqual([
        [true, 'H'],
        [true, 'Hol'],
      ]);
      for (let i = 0; i < 40; i += 1) {
        typing.input(`Hola ${'a'.repeat(i)}`);
        vi.advanceTimersByTime(25);
      }
      vi.advanceTimersByTime(DRAFT_INTERVAL_MS);
      // 40 keystrokes over one second: five sends at most, and the last one is the final text.
      expect(drafts.length).toBeLessThanOrEqual(2 + 5);
      expect(drafts.at(-1)).toEqual([true, `Hola ${'a'.repeat(39)}`]);
    });

    it('masks card numbers before the draft leaves the page', () => {
      const typing = previewing();
      typing.input('mi tarjeta es 4111-1111-1111-1111');
      expect(drafts).toEqual([[true, 'mi tarjeta es ••••-••••-••••-1111']]);
    });

    it('keeps the draft shown while the visitor pauses, and clears it when the field empties', () => {
      const typing = previewing();
      typing.input('Una pregunta');
      vi.advanceTimersByTime(TYPING_IDLE_MS * 3);
      expect(drafts).toEqual([[true, 'Una pregunta']]);
      typing.input('  ');
      expect(drafts).toEqual([
        [true, 'Una pregunta'],
        [false, undefined],
      ]);
    });

    it('sends nothing after the message is sent, even if a send was waiting', () => {
      const typing = previewing();
      typing.input('A');
      typing.input('AB');
      typing.stop();
      vi.advanceTimersByTime(DRAFT_INTERVAL_MS * 2);
      expect(drafts).toEqual([
        [true, 'A'],
        [false, undefined],
      ]);
    });
  });
});
