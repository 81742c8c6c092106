import { describe, expect, it } from 'vitest';
import { agentTimeIn, type StatusChange } from './agent-time.ts';

const H = 3_600_000;
const from = 100 * H;
const to = from + 24 * H;

describe('agent time per status', () => {
  it('adds each stretch to the status it was in, starting from the status held when the period began', () => {
    const changes: StatusChange[] = [
      // Online since before the period: that status counts from its start.
      { agentId: 'marta', status: 'online', at: from - 5 * H },
      { agentId: 'marta', status: 'away', at: from + 2 * H },
      { agentId: 'marta', status: 'online', at: from + 2.5 * H },
      { agentId: 'marta', status: 'offline', at: from + 8 * H },
    ];
    expect(agentTimeIn(changes, from, to, to + H)).toEqual([
      { agentId: 'marta', onlineSeconds: 7.5 * 3600, awaySeconds: 0.5 * 3600, offlineSeconds: 16 * 3600 },
    ]);
  });

  it('counts an agent with no change before the period as offline until the first, and stops at now', () => {
    const changes: StatusChange[] = [
      { agentId: 'pau', status: 'online', at: from + 9 * H },
      { agentId: 'pau', status: 'away', at: from + 11 * H },
    ];
    // The report is read at from + 12 h: the rest of the day has not happened.
    expect(agentTimeIn(changes, from, to, from + 12 * H)).toEqual([
      { agentId: 'pau', onlineSeconds: 2 * 3600, awaySeconds: 3600, offlineSeconds: 9 * 3600 },
    ]);
  });

  it('ignores changes after the period, lists agents by time online, and leaves out agents never seen', () => {
    const changes: StatusChange[] = [
      { agentId: 'b', status: 'online', at: from + 20 * H },
      { agentId: 'a', status: 'online', at: from + 10 * H },
      { agentId: 'late', status: 'online', at: to + H },
      { agentId: 'b', status: 'offline', at: to + 2 * H },
    ];
    expect(agentTimeIn(changes, from, to, to + 5 * H).map((row) => [row.agentId, row.onlineSeconds])).toEqual([
      ['a', 14 * 3600],
      ['b', 4 * 3600],
    ]);
  });

  it('gives a period that has not begun nothing but zeros', () => {
    expect(agentTimeIn([{ agentId: 'x', status: 'online', at: from - H }], from, to, from - 1)).toEqual([
      { agentId: 'x', onlineSeconds: 0, awaySeconds: 0, offlineSeconds: 0 },
    ]);
  });
});
