import { describe, expect, it } from 'vitest';
import { countUnread } from './unread.ts';
import { agentMessage, statusEvent, visitorMessage } from './testFixtures.ts';

describe('countUnread', () => {
  const log = [
    visitorMessage('conv_a', 1),
    agentMessage('conv_a', 2),
    visitorMessage('conv_a', 3),
    statusEvent('conv_a', 4, 'closed'),
    visitorMessage('conv_a', 5),
  ];

  it('counts every visitor message when the agent has never viewed the conversation', () => {
    expect(countUnread(log, 0)).toBe(3);
  });

  it('counts only visitor messages after the last viewed seq, ignoring agent and status events', () => {
    expect(countUnread(log, 2)).toBe(2);
    expect(countUnread(log, 3)).toBe(1);
    expect(countUnread(log, 5)).toBe(0);
  });
});
