import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueueReminders, REMINDER_INTERVAL_MS } from './reminders.ts';

describe('QueueReminders', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reminds every minute while a conversation stays queued, and stops once it leaves', () => {
    const remind = vi.fn();
    const reminders = new QueueReminders(remind);
    reminders.track(['conv_a']);
    vi.advanceTimersByTime(REMINDER_INTERVAL_MS - 1);
    expect(remind).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(remind).toHaveBeenCalledWith('conv_a');
    vi.advanceTimersByTime(REMINDER_INTERVAL_MS);
    expect(remind).toHaveBeenCalledTimes(2);

    reminders.track([]);
    vi.advanceTimersByTime(5 * REMINDER_INTERVAL_MS);
    expect(remind).toHaveBeenCalledTimes(2);
  });

  it('keeps an existing timer when told the same queue again', () => {
    const remind = vi.fn();
    const reminders = new QueueReminders(remind);
    reminders.track(['conv_a']);
    vi.advanceTimersByTime(REMINDER_INTERVAL_MS / 2);
    reminders.track(['conv_a', 'conv_b']);
    vi.advanceTimersByTime(REMINDER_INTERVAL_MS / 2);
    expect(remind.mock.calls).toEqual([['conv_a']]);
    reminders.stop();
  });
});
