import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_IDLE_MS, TypingNotifier } from './typingNotifier.ts';

describe('TypingNotifier', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const sent: Array<[string, boolean]> = [];
    const notifier = new TypingNotifier(
      (id, typing) => sent.push([id, typing]),
      () => Date.now(),
    );
    return { sent, notifier };
  }

  it('sends true at most every two seconds while typing', () => {
    const { sent, notifier } = setup();
    notifier.draftChanged('conv_a', 'h');
    vi.advanceTimersByTime(1_000);
    notifier.draftChanged('conv_a', 'he');
    vi.advanceTimersByTime(1_000);
    notifier.draftChanged('conv_a', 'hel');
    expect(sent).toEqual([
      ['conv_a', true],
      ['conv_a', true],
    ]);
  });

  it('sends false after three idle seconds', () => {
    const { sent, notifier } = setup();
    notifier.draftChanged('conv_a', 'hello');
    vi.advanceTimersByTime(TYPING_IDLE_MS);
    expect(sent).toEqual([
      ['conv_a', true],
      ['conv_a', false],
    ]);
  });

  it('sends false when the draft is emptied and when switching conversation', () => {
    const { sent, notifier } = setup();
    notifier.draftChanged('conv_a', 'hi');
    notifier.draftChanged('conv_a', '');
    notifier.draftChanged('conv_a', 'again');
    notifier.draftChanged('conv_b', 'x');
    expect(sent).toEqual([
      ['conv_a', true],
      ['conv_a', false],
      ['conv_a', true],
      ['conv_a', false],
      ['conv_b', true],
    ]);
  });

  it('says nothing on stop when it never said true', () => {
    const { sent, notifier } = setup();
    notifier.stop();
    expect(sent).toEqual([]);
  });
});
