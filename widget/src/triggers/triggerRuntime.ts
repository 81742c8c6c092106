import type { OnlineAgents, VisitInfo, WidgetTrigger } from '@mostrador/shared';
import { chooseTrigger, type VisitorState } from '@mostrador/shared/triggers';
import type { withinBusinessHours } from '@mostrador/shared/triggers/hours';
import { newClientId } from '../chat/clientId.ts';
import type { KeyValueStore } from '../chat/visitorStorage.ts';
import type { ShopTracker } from '../tracking/shopTracker.ts';
import type { VisitorTransport } from '../transport/visitorTransport.ts';
import { whenReady } from '../util/whenReady.ts';
import { createTriggerMemory } from './triggerMemory.ts';
import { watchVisitorSignals } from './visitorSignals.ts';

/** Time conditions are whole seconds: checking once a second is enough. */
export const EVALUATE_EVERY_MS = 1_000;

/** What the business-hours chunk exports (hoursChunk.ts). */
export interface HoursModule {
  withinBusinessHours: typeof withinBusinessHours;
}

export interface TriggerRuntimeOptions {
  win: Window;
  transport: VisitorTransport;
  siteKey: string;
  /** localStorage and sessionStorage; null where the browser refuses them (the caps then last one page). */
  local: KeyValueStore | null;
  session: KeyValueStore | null;
  /** Primary subtag of the visitor's language (the browser's). */
  language: string;
  /** The page's product and the cart, as the shop tracker reads them. */
  tracker: Pick<ShopTracker, 'page' | 'product' | 'cart' | 'subscribe'>;
  /** The visitor is typing (the composer holds text), or chatting (a conversation is open): no invitation then. */
  busy(): { typing: boolean; chatting: boolean };
  /** Shows a rule's invitation; `firingId` goes with the visitor's reply. */
  fire(trigger: WidgetTrigger, firingId: string): void;
  /** The visitor moved to another page of a single-page shop. */
  onNewPage(): void;
  /** The business-hours check: a chunk from the chat server, fetched only once a rule with a `business_hours` condition arrives; at hand in tests. */
  loadHours(): HoursModule | Promise<HoursModule>;
  newId?: () => string;
}

export interface TriggerRuntime {
  /** `Mostrador('track', name)`: the event counts for this page's rules, at once. */
  track(name: string): void;
  stop(): void;
}

/**
 * Runs the site's trigger rules in the browser, so time, scrolling and
 * pointer conditions act at once: it keeps what the rules read, asks the
 * shared evaluator every second (and at once on exit intent or a tracked
 * event), fires at most one invitation per page, and reports each firing,
 * and each rule its cap held back (once per page), to the server.
 */
export function startTriggerRuntime(options: TriggerRuntimeOptions): TriggerRuntime {
  const { win, transport, tracker } = options;
  const newId = options.newId ?? newClientId;
  const memory = createTriggerMemory(options.siteKey, options.local, options.session, {
    url: win.location.href,
    referrer: win.document.referrer,
  });
  let triggers: readonly WidgetTrigger[] = [];
  let agents: OnlineAgents = { any: false, departments: [] };
  // The visit as the first greeting of this page load told it; a reconnect's count would include this page.
  let visit: VisitInfo | null = null;
  let navigations = 0;
  // Checkout began at the first report of it this page saw (the tracker may have read a stored cart before we started).
  const inCheckout = (since: number | null) => (tracker.cart?.stage === 'checkout' ? (since ?? Date.now()) : null);
  let checkoutSince = inCheckout(null);
  let page = { url: tracker.page?.url ?? win.location.href, startedAt: Date.now(), events: new Set<string>() };
  // Events with the address they were tracked at: a single-page shop may track one before the tracker reads the new page.
  let tracked: [name: string, url: string][] = [];
  let invited = false;
  let heldBack = new Set<string>();
  let exitIntent = false;
  // Until the chunk has come, rules with business hours wait: none of the site's rules is evaluated.
  let hours: HoursModule | null = null;
  let fetchingHours = false;
  const needsHours = () => triggers.some((rule) => rule.conditions.some((condition) => condition.type === 'business_hours'));
  const fetchHours = () => {
    if (hours || fetchingHours || !needsHours()) return;
    fetchingHours = true;
    whenReady(
      options.loadHours(),
      (module) => {
        hours = module;
        evaluate();
      },
      // Not fetched: the next greeting (a reconnect) asks again.
      () => (fetchingHours = false),
    );
  };

  const report = (rule: WidgetTrigger, outcome: 'fired' | 'held_back') => {
    const firingId = newId();
    transport.notify('trigger:reported', { ruleId: rule.id, firingId, outcome });
    return firingId;
  };

  const evaluate = () => {
    if (!visit || (!hours && needsHours())) return;
    const cart = tracker.cart?.cart;
    const state: VisitorState = {
      now: Date.now(),
      pageStartedAt: page.startedAt,
      visitStartedAt: visit.startedAt,
      url: page.url,
      pagesViewed: visit.pagesViewed + 1 + navigations,
      product: tracker.product,
      cart: cart
        ? {
            total: cart.total,
            currency: cart.currency,
            items: cart.items.reduce((sum, item) => sum + item.qty, 0),
            skus: cart.items.flatMap((item) => item.sku ?? []),
          }
        : null,
      checkoutSince,
      lastActivityAt: signals.lastActivityAt,
      exitIntent,
      referrer: memory.landing.referrer,
      utm: memory.landing.utm,
      returning: visit.returning,
      language: options.language,
      agentsOnline: (departmentId) => (departmentId ? agents.departments.includes(departmentId) : agents.any),
      events: page.events,
      withinBusinessHours: (condition, at) => !!hours?.withinBusinessHours(condition, at),
    };
    const choice = chooseTrigger(triggers, state, memory.history(invited), options.busy());
    for (const rule of choice.heldBack) {
      if (!heldBack.has(rule.id)) report(rule, 'held_back');
      heldBack.add(rule.id);
    }
    if (!choice.fire) return;
    invited = true;
    memory.fired(choice.fire.id, state.now);
    options.fire(choice.fire, report(choice.fire, 'fired'));
  };

  const stopped = new AbortController();
  const signals = watchVisitorSignals(
    win,
    () => {
      // A moment, not a state: it must not linger for a rule that later qualifies otherwise.
      exitIntent = true;
      evaluate();
      exitIntent = false;
    },
    stopped.signal,
  );

  tracker.subscribe((newPage) => {
    const url = tracker.page?.url;
    if (newPage && url && url !== page.url) {
      tracked = tracked.filter(([, at]) => at === url);
      page = { url, startedAt: Date.now(), events: new Set(tracked.map(([name]) => name)) };
      navigations += 1;
      invited = false;
      heldBack = new Set();
      options.onNewPage();
    }
    if (!newPage) checkoutSince = inCheckout(checkoutSince);
  });
  transport.on('session:established', (session) => {
    visit ??= session.visit;
    triggers = session.site.triggers;
    agents = session.site.onlineAgents;
    fetchHours();
    evaluate();
  });
  transport.on('agents:changed', (change) => void (agents = change.onlineAgents));
  const timer = setInterval(evaluate, EVALUATE_EVERY_MS);

  return {
    track(name) {
      tracked.push([name, win.location.href]);
      page.events.add(name);
      evaluate();
    },
    stop() {
      clearInterval(timer);
      stopped.abort();
    },
  };
}
