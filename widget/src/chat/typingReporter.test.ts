import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypingReporter, TYPING_IDLE_MS } from './typingReporter.ts';

describe('typing reporter', () => {
  let reports: boolean[];
  beforeEach(() => {
    vi.useFakeTimers();
    reports = [];
  });
  afterEach(() => vi.useRealTimers());

  const reporter = () => createTypingReporter((typing) => reports.push(typing));

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
});
