import { describe, expect, it } from 'vitest';
import { estimateWaitSeconds, pickAgent, type AgentLoad } from './assignment-policy.ts';

const agent = (agentId: string, load: number, capacity = 3): AgentLoad => ({ agentId, load, capacity });

describe('pickAgent', () => {
  it('picks the agent with the most free capacity', () => {
    expect(pickAgent([agent('a', 2), agent('b', 0), agent('c', 1)], new Map())).toBe('b');
    expect(pickAgent([agent('a', 1, 5), agent('b', 0, 2)], new Map())).toBe('a');
  });

  it('never picks an agent at capacity, and picks nobody when all are full', () => {
    expect(pickAgent([agent('a', 3), agent('b', 2)], new Map())).toBe('b');
    expect(pickAgent([agent('a', 3), agent('b', 5, 5)], new Map())).toBeNull();
    expect(pickAgent([], new Map())).toBeNull();
  });

  it('breaks ties round robin: the one assigned longest ago, never-assigned first', () => {
    const last = new Map([
      ['a', 300],
      ['b', 100],
    ]);
    expect(pickAgent([agent('a', 1), agent('b', 1)], last)).toBe('b');
    expect(pickAgent([agent('a', 1), agent('b', 1), agent('c', 1)], last)).toBe('c');
  });

  it('spreads a burst evenly when loads and turns are tracked', () => {
    const agents = [agent('a', 0), agent('b', 0), agent('c', 0)];
    const last = new Map<string, number>();
    const order: string[] = [];
    for (let t = 0; t < 9; t += 1) {
      const picked = pickAgent(agents, last)!;
      order.push(picked);
      agents.find((x) => x.agentId === picked)!.load += 1;
      last.set(picked, t);
    }
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
    expect(pickAgent(agents, last)).toBeNull();
  });
});

describe('estimateWaitSeconds', () => {
  it('grows with the position and shrinks with the room agents have', () => {
    expect(estimateWaitSeconds(1, 1, 240)).toBe(240);
    expect(estimateWaitSeconds(3, 1, 240)).toBe(720);
    expect(estimateWaitSeconds(3, 4, 240)).toBe(180);
    expect(estimateWaitSeconds(2, 0, 60)).toBe(120);
  });

  it('rounds to whole seconds', () => {
    expect(estimateWaitSeconds(1, 3, 100)).toBe(33);
    expect(estimateWaitSeconds(2, 3, 100)).toBe(67);
  });
});

describe('pickAgent, the last tie', () => {
  it('puts a never-assigned agent before one assigned at time zero', () => {
    expect(pickAgent([agent('a', 1), agent('b', 1)], new Map([['a', 0]]))).toBe('b');
  });

  it('picks the lower id when free capacity and turn are equal, in any order', () => {
    expect(pickAgent([agent('b', 1), agent('a', 1)], new Map())).toBe('a');
    expect(pickAgent([agent('a', 1), agent('b', 1)], new Map())).toBe('a');
  });

  it('skips an agent over capacity as well as one at it', () => {
    expect(pickAgent([agent('a', 4), agent('b', 2)], new Map())).toBe('b');
  });
});
