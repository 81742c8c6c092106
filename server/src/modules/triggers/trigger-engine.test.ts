import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RuleCondition, WidgetTrigger } from '@mostrador/shared';
import {
  BUSY_RECHECK_MS,
  OFFER_TTL_MS,
  TriggerEngine,
  VISITOR_MEMORY_MS,
  type TabFacts,
  type TriggerEnginePorts,
} from './trigger-engine.ts';
import { needsOf } from './trigger-wake.ts';

const T0 = Date.UTC(2026, 11, 7, 10, 0, 0);

type Condition = Partial<RuleCondition> & Pick<RuleCondition, 'type'>;
const rule = (
  id: string,
  conditions: Condition[],
  frequency: WidgetTrigger['frequency'] = { kind: 'once_per_session' },
): WidgetTrigger => ({
  id,
  conditions: conditions.map((c) => ({ negate: false, ...c }) as RuleCondition),
  action: { kind: 'teaser', message: `message of ${id}`, senderName: null, departmentId: null },
  frequency,
});

const engines: TriggerEngine[] = [];
afterEach(() => {
  engines.splice(0).forEach((engine) => engine.close());
  vi.useRealTimers();
});

/** One site's tabs, with a clock the test moves; what the engine asked of its ports is recorded. */
function harness(initialRules: WidgetTrigger[], facts: Partial<Omit<TabFacts, 'page'>> = {}) {
  let now = T0;
  let ids = 0;
  let evaluation = { rules: initialRules, needs: needsOf(initialRules) };
  const pages = new Map<string, NonNullable<TabFacts['page']>>();
  const shared: Omit<TabFacts, 'page'> = {
    visitStartedAt: T0,
    pagesViewed: 1,
    returning: false,
    language: 'ca-ES',
    cart: null,
    checkoutSince: null,
    chatting: false,
    landing: { url: 'https://shop.example/?utm_source=news', referrer: 'https://search.example/' },
    ...facts,
  };
  const calls = { facts: 0, lastFirings: 0, onlineAgents: 0 };
  const state = {
    agents: { any: false, departments: [] as string[] },
    lastFirings: {} as Record<string, number>,
    failing: false,
    /** The caps are answered by a promise the test settles (PostgreSQL), not at once. */
    later: false,
  };
  /** The reads answered later, not yet settled. */
  const reads: Array<{ resolve: (caps: Record<string, number>) => void; reject: (error: Error) => void }> = [];
  const offered: Array<{ socketId: string; ruleId: string; firingId: string }> = [];
  const stored: Array<{ ruleId: string; outcome: 'fired' | 'held_back' }> = [];
  const errors: unknown[] = [];
  const ports: TriggerEnginePorts = {
    evaluation: () => evaluation,
    facts: (socketId) => {
      calls.facts += 1;
      const page = pages.get(socketId);
      return { ...shared, page: page ?? null };
    },
    onlineAgents: () => {
      calls.onlineAgents += 1;
      return state.agents;
    },
    lastFirings: () => {
      if (state.failing) throw new Error('database gone');
      calls.lastFirings += 1;
      if (state.later) return new Promise((resolve, reject) => reads.push({ resolve, reject }));
      return { ...state.lastFirings };
    },
    heldBack: (_site, _visitor, ruleId) => void stored.push({ ruleId, outcome: 'held_back' }),
    offer: (socketId, _site, ruleId, firingId) => offered.push({ socketId, ruleId, firingId }) > 0,
    fired: async (_site, _visitor, ruleId) => {
      stored.push({ ruleId, outcome: 'fired' });
      return { ok: true, data: null };
    },
    newId: () => `fir_${++ids}`,
    log: (error) => void errors.push(error),
    now: () => now,
  };
  const engine = new TriggerEngine(ports);
  engines.push(engine);
  const h = {
    engine,
    shared,
    state,
    calls,
    offered,
    stored,
    errors,
    reads,
    setRules(rules: WidgetTrigger[]) {
      evaluation = { rules, needs: needsOf(rules) };
    },
    /** The tab shows a page, from now (or resumed, open for `ms` already). */
    show(socketId: string, url: string, resumed?: { ms: number; invited: boolean }) {
      pages.set(socketId, { url, startedAt: now - (resumed?.ms ?? 0), product: null });
      engine.pageViewed(socketId, url, resumed);
    },
    /** The widget shows the last invitation it was offered. */
    async accept() {
      const last = offered.at(-1)!;
      return engine.shown(last.socketId, last.firingId);
    },
    /** Time passes; the engine's once-a-second sweep runs as its timer would. */
    wait(ms: number) {
      const end = now + ms;
      while (now < end) {
        now = Math.min(end, now + 1000);
        engine.sweep();
      }
    },
  };
  return h;
}

describe('the server’s trigger evaluation, per tab', () => {
  it('offers a time-on-page rule when its time comes, not before, and stores it only once the widget shows it', async () => {
    const h = harness([rule('r1', [{ type: 'time_on_page', seconds: 30 }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/p/1');
    h.wait(29_000);
    expect(h.offered).toEqual([]);
    h.wait(1_000);
    expect(h.offered).toEqual([{ socketId: 'tab1', ruleId: 'r1', firingId: 'fir_1' }]);
    expect(h.stored).toEqual([]);
    expect(await h.accept()).toEqual({ ok: true, data: null });
    expect(h.stored).toEqual([{ ruleId: 'r1', outcome: 'fired' }]);
    // Only once: a second answer for it, or one for an invitation never sent, is not found.
    expect(await h.accept()).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(h.engine.declined('tab1', 'fir_9')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    h.wait(120_000);
    expect(h.offered).toHaveLength(1);
  });

  it('gives a declined invitation back: nothing stored, the cap untouched, offered again once the visitor is free', async () => {
    const h = harness([rule('r1', [{ type: 'time_on_page', seconds: 5 }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.engine.opened('tab2', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.wait(5_000);
    expect(h.offered).toHaveLength(1);
    // While tab1 has the offer, the visitor's other tab is not offered the once-per-session rule.
    h.show('tab2', 'https://shop.example/b');
    h.wait(5_000);
    expect(h.offered).toHaveLength(1);
    expect(h.engine.declined('tab1', 'fir_1')).toEqual({ ok: true, data: null });
    expect(h.stored).toEqual([]);
    h.wait(BUSY_RECHECK_MS);
    expect(h.offered.map((o) => o.socketId)).toEqual(['tab1', 'tab2']);
  });

  it('takes the answer on the visitor’s next connection, and counts the page it was shown on as invited', async () => {
    const h = harness([
      rule('r1', [{ type: 'pages_viewed', min: 1 }], { kind: 'every_hours', hours: 1 }),
      rule('r2', [{ type: 'pages_viewed', min: 1 }]),
    ]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    expect(h.offered.map((o) => o.ruleId)).toEqual(['r1']);
    // The shopper moves on (a single-page shop) before the widget's answer arrives, and the connection drops.
    h.show('tab1', 'https://shop.example/b');
    expect(h.offered).toHaveLength(1);
    h.engine.closed('tab1');
    h.engine.opened('tab1b', 'site', 'vis');
    h.show('tab1b', 'https://shop.example/b');
    expect(await h.engine.shown('tab1b', 'fir_1')).toEqual({ ok: true, data: null });
    expect(h.stored).toEqual([{ ruleId: 'r1', outcome: 'fired' }]);
    // It is on screen on this page: no second invitation here.
    h.wait(60_000);
    expect(h.offered).toHaveLength(1);
  });

  it('lets an unanswered invitation go after a while: the visitor’s other tabs wait for it no longer', () => {
    const h = harness([rule('r1', [{ type: 'time_on_page', seconds: 1 }], { kind: 'every_hours', hours: 1 })]);
    h.engine.opened('tab1', 'site', 'vis');
    h.engine.opened('tab2', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.show('tab2', 'https://shop.example/b');
    h.wait(2_000);
    expect(h.offered.map((o) => o.socketId)).toEqual(['tab1']);
    h.wait(OFFER_TTL_MS - 5_000);
    expect(h.offered).toHaveLength(1);
    h.wait(10_000);
    expect(h.offered.map((o) => o.socketId)).toEqual(['tab1', 'tab2']);
  });

  it('offers nothing, and holds nothing back, when there is no invitation to send (its rule was just deleted)', () => {
    const h = harness([rule('r1', [{ type: 'pages_viewed', min: 1 }])]);
    const ports = (h.engine as unknown as { ports: TriggerEnginePorts }).ports;
    ports.offer = () => false;
    h.engine.opened('tab1', 'site', 'vis');
    h.engine.opened('tab2', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    ports.offer = (socketId, _site, ruleId, firingId) => h.offered.push({ socketId, ruleId, firingId }) > 0;
    h.show('tab2', 'https://shop.example/b');
    expect(h.offered.map((o) => o.socketId)).toEqual(['tab2']);
  });

  it('starts a page afresh on a new address, where the cap holds the rule back and says so once', async () => {
    const h = harness([rule('r1', [{ type: 'time_on_page', seconds: 5 }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.wait(5_000);
    await h.accept();
    h.show('tab1', 'https://shop.example/b');
    h.wait(30_000);
    expect(h.offered).toHaveLength(1);
    expect(h.stored).toEqual([
      { ruleId: 'r1', outcome: 'fired' },
      { ruleId: 'r1', outcome: 'held_back' },
    ]);
  });

  it('goes on with a page resumed on a new connection: its time counts from when it opened, and an invitation shown holds', () => {
    const h = harness([rule('r1', [{ type: 'time_on_page', seconds: 30 }]), rule('r2', [{ type: 'time_on_page', seconds: 60 }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a', { ms: 25_000, invited: false });
    h.wait(5_000);
    expect(h.offered.map((o) => o.ruleId)).toEqual(['r1']);
    // The connection drops after the invitation was shown; the page comes back on a new socket.
    h.engine.closed('tab1');
    h.engine.opened('tab1b', 'site', 'vis');
    h.show('tab1b', 'https://shop.example/a', { ms: 31_000, invited: true });
    h.wait(60_000);
    expect(h.offered).toHaveLength(1);
  });

  it('reads the caps from the stored firings once per visitor, only when a rule first qualifies, and keeps them between pages', () => {
    const h = harness([rule('r1', [{ type: 'time_on_page', seconds: 5 }], { kind: 'once_per_visitor' })]);
    h.state.lastFirings = { r1: T0 - 86_400_000 };
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.wait(4_000);
    expect(h.calls.lastFirings).toBe(0);
    h.wait(1_000);
    expect(h.calls.lastFirings).toBe(1);
    expect(h.offered).toEqual([]);
    expect(h.stored).toEqual([{ ruleId: 'r1', outcome: 'held_back' }]);
    // A multi-page shop closes the tab's socket at every page: the next page does not read them again.
    h.engine.closed('tab1');
    h.engine.opened('tab2', 'site', 'vis');
    h.show('tab2', 'https://shop.example/b');
    h.wait(10_000);
    expect(h.calls.lastFirings).toBe(1);
    expect(h.stored).toHaveLength(2);
  });

  it('waits while the shopper types or chats, and offers once they stop', () => {
    const h = harness([rule('r1', [{ type: 'time_on_page', seconds: 2 }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.engine.typing('tab1', true);
    h.wait(10_000);
    expect(h.offered).toEqual([]);
    h.engine.typing('tab1', false);
    expect(h.offered).toHaveLength(1);

    h.shared.chatting = true;
    h.engine.opened('tab3', 'site', 'vis2');
    h.show('tab3', 'https://shop.example/c');
    h.wait(2_000 + BUSY_RECHECK_MS);
    expect(h.offered).toHaveLength(1);
    h.shared.chatting = false;
    h.wait(BUSY_RECHECK_MS);
    expect(h.offered.map((o) => o.socketId)).toEqual(['tab1', 'tab3']);
  });

  it('takes exit intent as a moment: a rule that needs more later does not fire on the old moment', () => {
    const h = harness([rule('r1', [{ type: 'exit_intent' }, { type: 'time_on_page', seconds: 10 }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.engine.signal('tab1', { type: 'exit_intent' });
    h.wait(20_000);
    expect(h.offered).toEqual([]);
    h.engine.signal('tab1', { type: 'exit_intent' });
    expect(h.offered).toHaveLength(1);
  });

  it('counts idleness from the moment the widget says input stopped, and not once it is active again', () => {
    const h = harness([rule('r1', [{ type: 'idle', seconds: 60 }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.wait(120_000);
    expect(h.offered).toEqual([]);
    h.engine.signal('tab1', { type: 'idle', ms: 20_000 });
    h.wait(30_000);
    h.engine.signal('tab1', { type: 'active' });
    h.wait(60_000);
    expect(h.offered).toEqual([]);
    h.engine.signal('tab1', { type: 'idle', ms: 20_000 });
    h.wait(39_000);
    expect(h.offered).toEqual([]);
    h.wait(1_000);
    expect(h.offered).toHaveLength(1);
  });

  it('fires on a tracked event of this page, also one tracked just before the tab reported the page, and keeps no others', () => {
    const h = harness([rule('r1', [{ type: 'event', name: 'size_guide' }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    for (let i = 0; i < 500; i++) h.engine.signal('tab1', { type: 'event', name: `noise_${i}`, url: 'https://shop.example/a' });
    h.engine.signal('tab1', { type: 'event', name: 'size_guide', url: 'https://shop.example/b' });
    expect(h.offered).toEqual([]);
    h.show('tab1', 'https://shop.example/b');
    expect(h.offered).toHaveLength(1);
    // 500 names no rule reads were never even looked at: the one page evaluation, then the new page's.
    expect(h.calls.facts).toBe(3);
  });

  it('reads the cart, the landing page’s campaign and the browser’s language', () => {
    const h = harness([
      rule('r1', [
        { type: 'cart_contains', sku: 'BAG-1' },
        { type: 'utm', param: 'source', match: 'glob', pattern: 'news' },
        { type: 'language', languages: ['ca'] },
      ]),
    ]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    expect(h.offered).toEqual([]);
    h.shared.cart = { total: 40, currency: 'EUR', items: 1, skus: ['BAG-1'] };
    h.engine.visitorChanged('vis');
    expect(h.offered).toHaveLength(1);
  });

  it('looks at a site’s tabs again when its agents come online, with no polling meanwhile', () => {
    const h = harness([rule('r1', [{ type: 'agents_online' }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.wait(60_000);
    expect(h.calls.facts).toBe(1);
    expect(h.engine.stats().due).toBe(0);
    h.state.agents = { any: true, departments: [] };
    h.engine.agentsChanged('site');
    h.wait(5_000);
    expect(h.offered).toHaveLength(1);
  });

  it('never pushes a tab back when the site’s agents change often: its own time still comes', () => {
    const h = harness([rule('r1', [{ type: 'time_on_page', seconds: 3 }, { type: 'agents_online' }])]);
    h.state.agents = { any: true, departments: [] };
    for (const tab of ['a', 'b', 'c']) {
      h.engine.opened(tab, 'site', `vis-${tab}`);
      h.show(tab, `https://shop.example/${tab}`);
    }
    for (let i = 0; i < 10; i++) {
      h.engine.agentsChanged('site');
      h.wait(1_000);
    }
    expect(h.offered.map((o) => o.socketId).sort()).toEqual(['a', 'b', 'c']);
  });

  it('looks at a site’s tabs again after its rules are edited', () => {
    const h = harness([rule('r1', [{ type: 'pages_viewed', min: 5 }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.wait(10_000);
    expect(h.offered).toEqual([]);
    h.setRules([rule('r1', [{ type: 'pages_viewed', min: 5 }]), rule('r2', [{ type: 'pages_viewed', min: 1 }])]);
    h.engine.rulesChanged('site');
    h.wait(5_000);
    expect(h.offered.map((o) => o.ruleId)).toEqual(['r2']);
  });

  it('opens an every-N-hours cap on the page where it held the rule back, when the hours are up', () => {
    const h = harness([rule('r1', [{ type: 'pages_viewed', min: 1 }], { kind: 'every_hours', hours: 1 })]);
    h.state.lastFirings = { r1: T0 - 3_000_000 };
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    expect(h.stored).toEqual([{ ruleId: 'r1', outcome: 'held_back' }]);
    h.wait(599_000);
    expect(h.offered).toEqual([]);
    h.wait(1_000);
    expect(h.offered).toHaveLength(1);
  });

  it('does nothing for a site without rules: no facts read, nothing kept on the wheel', () => {
    const h = harness([]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.engine.signal('tab1', { type: 'exit_intent' });
    h.wait(10_000);
    expect(h.calls).toEqual({ facts: 0, lastFirings: 0, onlineAgents: 0 });
    expect(h.engine.stats()).toMatchObject({ tabs: 1, due: 0 });
  });

  it('forgets a closed tab at once, and its visitor’s caps a little later', () => {
    vi.useFakeTimers();
    const h = harness([rule('r1', [{ type: 'time_on_page', seconds: 5 }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    expect(h.engine.stats()).toEqual({ tabs: 1, sites: 1, visitors: 1, due: 1 });
    h.engine.closed('tab1');
    expect(h.engine.stats()).toEqual({ tabs: 0, sites: 0, visitors: 1, due: 0 });
    h.wait(10_000);
    expect(h.offered).toEqual([]);
    vi.advanceTimersByTime(VISITOR_MEMORY_MS);
    expect(h.engine.stats()).toEqual({ tabs: 0, sites: 0, visitors: 0, due: 0 });
  });

  it('logs a tab whose evaluation fails, and goes on with the others', () => {
    const h = harness([rule('r1', [{ type: 'time_on_page', seconds: 5 }])]);
    h.engine.opened('tab1', 'site', 'vis');
    h.engine.opened('tab2', 'site', 'vis2');
    h.show('tab1', 'https://shop.example/a');
    h.show('tab2', 'https://shop.example/b');
    h.state.failing = true;
    h.wait(5_000);
    expect(h.errors).toHaveLength(2);
    expect(h.engine.stats().tabs).toBe(2);
  });
});

describe('caps read later (PostgreSQL)', () => {
  /** Lets the settled read's callbacks run. */
  const settled = () => new Promise((resolve) => setImmediate(resolve));

  it('asks once for the visitor’s caps, then looks at each of its tabs, the asking tab keeping its exit intent', async () => {
    const h = harness([rule('r1', [{ type: 'exit_intent' }])]);
    h.state.later = true;
    h.engine.opened('tab1', 'site', 'vis');
    h.engine.opened('tab2', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.show('tab2', 'https://shop.example/b');
    h.engine.signal('tab1', { type: 'exit_intent' });
    h.engine.signal('tab2', { type: 'exit_intent' });
    expect(h.calls.lastFirings).toBe(1);
    expect(h.offered).toEqual([]);
    h.reads[0]!.resolve({});
    await settled();
    expect(h.offered.map((o) => [o.socketId, o.ruleId])).toEqual([['tab1', 'r1']]);
    // The caps are kept: the next look reads nothing.
    h.engine.signal('tab2', { type: 'exit_intent' });
    expect(h.calls.lastFirings).toBe(1);
  });

  it('holds a rule back by the caps it read', async () => {
    const h = harness([rule('r1', [{ type: 'pages_viewed', min: 1 }])]);
    h.state.later = true;
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.reads[0]!.resolve({ r1: T0 });
    await settled();
    expect(h.offered).toEqual([]);
    expect(h.stored).toEqual([{ ruleId: 'r1', outcome: 'held_back' }]);
  });

  it('logs a failed read and asks again a few seconds later, not at once', async () => {
    const h = harness([rule('r1', [{ type: 'pages_viewed', min: 1 }])]);
    h.state.later = true;
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.reads[0]!.reject(new Error('database gone'));
    await settled();
    expect(h.errors).toHaveLength(1);
    h.wait(BUSY_RECHECK_MS - 1_000);
    expect(h.calls.lastFirings).toBe(1);
    h.wait(1_000);
    expect(h.calls.lastFirings).toBe(2);
    h.reads[1]!.resolve({});
    await settled();
    expect(h.offered.map((o) => o.ruleId)).toEqual(['r1']);
  });

  it('lets go of a read that ends after the visitor’s tabs closed', async () => {
    const h = harness([rule('r1', [{ type: 'pages_viewed', min: 1 }])]);
    h.state.later = true;
    h.engine.opened('tab1', 'site', 'vis');
    h.show('tab1', 'https://shop.example/a');
    h.engine.closed('tab1');
    h.reads[0]!.resolve({});
    await settled();
    expect(h.offered).toEqual([]);
  });
});
