import type { OnlineAgents, Result, TriggerSignal, WidgetTrigger } from '@mostrador/shared';
import { fail, ok } from '@mostrador/shared';
import { chooseTrigger, qualifies, type VisitorState } from '@mostrador/shared/triggers';
import { withinBusinessHours } from '@mostrador/shared/triggers/hours';
import { nextWake, type RuleNeeds } from './trigger-wake.ts';

/** A tab busy typing or chatting is asked again this long after a rule could have fired for it. */
export const BUSY_RECHECK_MS = 5_000;
/** A visitor's caps stay in memory this long after its last tab closed: a multi-page shop closes one at every page. */
export const VISITOR_MEMORY_MS = 15_000;
const SWEEP_MS = 1_000;
const HOUR = 3_600_000;
/** Tracked events a tab keeps for pages it has not reported yet. */
const TRACKED_MAX = 50;
/** An invitation sent and not answered within this long no longer holds the visitor's other tabs back. */
export const OFFER_TTL_MS = 30_000;

/** What the server knows of one tab and its visitor, for the conditions (the visitors module keeps it). */
export interface TabFacts {
  page: { url: string; startedAt: number; product: { price: number | null; currency: string | null } | null } | null;
  visitStartedAt: number;
  /** Pages seen in this visit, this one included. */
  pagesViewed: number;
  returning: boolean;
  /** The browser's language ("ca-ES"), as the widget last reported it. */
  language: string | null;
  cart: { total: number; currency: string; items: number; skus: readonly string[] } | null;
  checkoutSince: number | null;
  /** The visitor has an open conversation. */
  chatting: boolean;
  /** The visit's first page (its referrer and UTM parameters), when asked for; null when unknown. */
  landing: { url: string; referrer: string } | null;
}

export interface TriggerEnginePorts {
  /** The site's enabled rules, in order, and what they read; the same objects until an edit. */
  evaluation(siteId: string): { rules: readonly WidgetTrigger[]; needs: RuleNeeds };
  facts(socketId: string, visitorId: string, withLanding: boolean): TabFacts | null;
  onlineAgents(siteId: string): OnlineAgents;
  /**
   * When each rule last fired for the visitor (the frequency caps), from the
   * stored firings: at once on SQLite; a promise on PostgreSQL, after which
   * the visitor's tabs are looked at again.
   */
  lastFirings(siteId: string, visitorId: string): Record<string, number> | Promise<Record<string, number>>;
  /** Stores that the rule qualified and its cap held it back; off the caller's path. */
  heldBack(siteId: string, visitorId: string, ruleId: string, firingId: string): void;
  /** Sends the tab the rule's invitation (false when there is none to send); nothing is stored until the widget says it showed it. */
  offer(socketId: string, siteId: string, ruleId: string, firingId: string): boolean;
  /** Stores the firing the widget showed; resolves once it is committed (a reply may name it next). */
  fired(siteId: string, visitorId: string, ruleId: string, firingId: string): Promise<Result<null>>;
  newId(): string;
  log(error: unknown): void;
  now?: () => number;
}

interface Tab {
  socketId: string;
  siteId: string;
  visitorId: string;
  /** The page the state below belongs to. */
  url: string | null;
  events: Set<string>;
  /** Events with the page they were tracked on: a single-page shop may track one before it reports the new page. */
  tracked: Array<[name: string, url: string]>;
  invited: boolean;
  heldBack: Set<string>;
  typing: boolean;
  idleSince: number | null;
  /** The sweep second this tab waits in, if any. */
  wakeSecond: number | null;
}

interface VisitorMemory {
  tabs: Set<Tab>;
  /** Read from the stored firings when a rule first qualifies, then kept here while the visitor is around. */
  lastFiredAt: Record<string, number> | null;
  /** The caps are being read (PostgreSQL): the visitor's tabs wait for them. */
  readingCaps: boolean;
  /**
   * Invitations sent and not answered yet, by firing id. The visitor's, not
   * a socket's: an answer sent as the connection dropped arrives on the next one.
   */
  offers: Map<string, { ruleId: string; at: number }>;
  forget: ReturnType<typeof setTimeout> | undefined;
}

function utmOf(url: string): Record<string, string> {
  const utm: Record<string, string> = {};
  try {
    new URL(url).searchParams.forEach((value, name) => {
      if (name.startsWith('utm_')) utm[name.slice(4)] = value;
    });
  } catch {
    // Not a URL: no campaign.
  }
  return utm;
}

/**
 * Evaluates each site's trigger rules for every tab on the server, so the
 * rules never travel to the shop's pages and the widget carries no
 * evaluator: at most one invitation per page, the frequency caps kept per
 * visitor across its tabs, and each rule its cap held back reported once per
 * page. A tab is looked at when something it reads changes (its page, the
 * cart, a signal, typing, the agents online, the rules) and when the clock
 * next could change an answer (one sweep a second over the tabs due, never a
 * scan of every tab). An invitation is an offer until the widget says it
 * showed it: only then is it stored and counted against its cap; the
 * visitor's other tabs wait for that answer (at most OFFER_TTL_MS).
 */
export class TriggerEngine {
  readonly #tabs = new Map<string, Tab>();
  readonly #bySite = new Map<string, Set<Tab>>();
  readonly #visitors = new Map<string, VisitorMemory>();
  /** Tabs due at each second (epoch seconds). */
  readonly #wheel = new Map<number, Set<Tab>>();
  #swept: number;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #now: () => number;

  constructor(private readonly ports: TriggerEnginePorts) {
    this.#now = ports.now ?? Date.now;
    this.#swept = this.#secondOf(this.#now());
    this.#timer = setInterval(() => this.sweep(), SWEEP_MS);
    this.#timer.unref?.();
  }

  opened(socketId: string, siteId: string, visitorId: string): void {
    const tab: Tab = {
      socketId,
      siteId,
      visitorId,
      url: null,
      events: new Set(),
      tracked: [],
      invited: false,
      heldBack: new Set(),
      typing: false,
      idleSince: null,
      wakeSecond: null,
    };
    this.#tabs.set(socketId, tab);
    let site = this.#bySite.get(siteId);
    if (!site) this.#bySite.set(siteId, (site = new Set()));
    site.add(tab);
    let memory = this.#visitors.get(visitorId);
    if (!memory)
      this.#visitors.set(
        visitorId,
        (memory = { tabs: new Set(), lastFiredAt: null, readingCaps: false, offers: new Map(), forget: undefined }),
      );
    clearTimeout(memory.forget);
    memory.tabs.add(tab);
  }

  closed(socketId: string): void {
    const tab = this.#tabs.get(socketId);
    if (!tab) return;
    this.#tabs.delete(socketId);
    this.#unarm(tab);
    const site = this.#bySite.get(tab.siteId);
    site?.delete(tab);
    if (site?.size === 0) this.#bySite.delete(tab.siteId);
    const memory = this.#visitors.get(tab.visitorId);
    if (!memory) return;
    memory.tabs.delete(tab);
    if (memory.tabs.size > 0) return;
    memory.forget = setTimeout(() => {
      if (memory.tabs.size === 0 && this.#visitors.get(tab.visitorId) === memory) this.#visitors.delete(tab.visitorId);
    }, VISITOR_MEMORY_MS);
    memory.forget.unref?.();
  }

  /**
   * The tab reported its page: a new address starts the page's state afresh
   * (one invitation per page); the same page resumed on a new connection
   * keeps whether it was invited.
   */
  pageViewed(socketId: string, url: string, resumed?: { invited: boolean }): void {
    const tab = this.#tabs.get(socketId);
    if (!tab) return;
    if (url !== tab.url) {
      tab.url = url;
      tab.tracked = tab.tracked.filter(([, at]) => at === url);
      tab.events = new Set(tab.tracked.map(([name]) => name));
      tab.invited = resumed?.invited ?? false;
      tab.heldBack = new Set();
    }
    this.#evaluate(tab, false);
  }

  signal(socketId: string, signal: TriggerSignal): void {
    const tab = this.#tabs.get(socketId);
    if (!tab) return;
    switch (signal.type) {
      case 'exit_intent':
        // A moment, not a state: it must not linger for a rule that later qualifies otherwise.
        return this.#evaluate(tab, true);
      case 'idle':
        tab.idleSince = this.#now() - signal.ms;
        return this.#evaluate(tab, false);
      case 'active':
        tab.idleSince = null;
        return this.#evaluate(tab, false);
      case 'event':
        // Only the names the rules read: a page tracking thousands of others costs nothing here.
        if (!this.ports.evaluation(tab.siteId).needs.events.has(signal.name)) return;
        tab.tracked = [...tab.tracked.slice(1 - TRACKED_MAX), [signal.name, signal.url]];
        if (signal.url === tab.url) tab.events.add(signal.name);
        return this.#evaluate(tab, false);
    }
  }

  typing(socketId: string, typing: boolean): void {
    const tab = this.#tabs.get(socketId);
    if (!tab || tab.typing === typing) return;
    tab.typing = typing;
    if (!typing) this.#evaluate(tab, false);
  }

  /** The widget showed the invitation: it is stored, and counts against its rule's cap; the tab's page has had its invitation. */
  async shown(socketId: string, firingId: string): Promise<Result<null>> {
    const tab = this.#tabs.get(socketId);
    const memory = tab && this.#visitors.get(tab.visitorId);
    const offer = memory?.offers.get(firingId);
    if (!tab || !memory || !offer) return fail('not_found', 'No such invitation');
    memory.offers.delete(firingId);
    tab.invited = true;
    this.#unarm(tab);
    if (memory.lastFiredAt) memory.lastFiredAt[offer.ruleId] = this.#now();
    return this.ports.fired(tab.siteId, tab.visitorId, offer.ruleId, firingId);
  }

  /** The widget could not show it (the visitor was typing or sending): as if it never fired; asked again later. */
  declined(socketId: string, firingId: string): Result<null> {
    const tab = this.#tabs.get(socketId);
    const memory = tab && this.#visitors.get(tab.visitorId);
    if (!tab || !memory?.offers.delete(firingId)) return fail('not_found', 'No such invitation');
    tab.invited = false;
    this.#arm(tab, this.#secondOf(this.#now() + BUSY_RECHECK_MS));
    return ok(null);
  }

  /** Something every tab of the visitor reads changed (the cart). */
  visitorChanged(visitorId: string): void {
    for (const tab of this.#visitors.get(visitorId)?.tabs ?? []) this.#evaluate(tab, false);
  }

  /** Who could answer on the site changed: its tabs are looked at again, if a rule reads it. */
  agentsChanged(siteId: string): void {
    if (this.ports.evaluation(siteId).needs.agentsOnline) this.#armSite(siteId);
  }

  /** An admin edited the site's rules: each tab is looked at again within a few seconds. */
  rulesChanged(siteId: string): void {
    this.#armSite(siteId);
  }

  /** Looks at the tabs that are due; run every second by the engine's own timer. */
  sweep(): void {
    const now = this.#secondOf(this.#now());
    // Walk the seconds since the last sweep; after a long stall (a suspended machine), what is left is due.
    const due =
      now - this.#swept > 3_600
        ? [...this.#wheel.keys()].filter((second) => second <= now)
        : Array.from({ length: Math.max(0, now - this.#swept) }, (_, i) => this.#swept + 1 + i);
    this.#swept = now;
    for (const second of due) {
      const tabs = this.#wheel.get(second);
      if (!tabs) continue;
      this.#wheel.delete(second);
      for (const tab of tabs) {
        tab.wakeSecond = null;
        if (this.#tabs.get(tab.socketId) === tab) this.#evaluateLogged(tab, false);
      }
    }
  }

  /** How much the engine holds, for tests and the health of a long-running server. */
  stats(): { tabs: number; sites: number; visitors: number; due: number } {
    let due = 0;
    for (const tabs of this.#wheel.values()) due += tabs.size;
    return { tabs: this.#tabs.size, sites: this.#bySite.size, visitors: this.#visitors.size, due };
  }

  close(): void {
    clearInterval(this.#timer);
    for (const memory of this.#visitors.values()) clearTimeout(memory.forget);
    this.#wheel.clear();
    this.#tabs.clear();
    this.#bySite.clear();
    this.#visitors.clear();
  }

  #evaluate(tab: Tab, exitIntent: boolean): void {
    if (tab.invited || tab.url === null) return this.#unarm(tab);
    const { rules, needs } = this.ports.evaluation(tab.siteId);
    if (rules.length === 0) return this.#unarm(tab);
    const facts = this.ports.facts(tab.socketId, tab.visitorId, needs.landing);
    if (!facts?.page) return this.#unarm(tab);
    const now = this.#now();
    const state = this.#stateOf(tab, facts, now, exitIntent, needs);
    const qualifying = rules.filter((rule) => qualifies(rule, state));
    const memory = this.#visitors.get(tab.visitorId);
    // Caps are read (once per visitor) only when a rule qualifies: most looks end with no database read.
    if (qualifying.length > 0 && memory && memory.lastFiredAt === null) {
      // Already asked for another of the visitor's tabs: each is looked at once the caps are in.
      if (memory.readingCaps) return;
      const read = this.ports.lastFirings(tab.siteId, tab.visitorId);
      if (read instanceof Promise) return this.#readCaps(tab, memory, read, exitIntent);
      memory.lastFiredAt = read;
    }
    const caps = qualifying.length > 0 ? (memory?.lastFiredAt ?? {}) : {};
    const history = {
      lastFiredAt: caps,
      firedThisSession: new Set(Object.keys(caps).filter((id) => (caps[id] ?? 0) >= facts.visitStartedAt)),
      invitedThisPage: false,
    };
    // The shared choice (first rule its cap allows; the others held back), over the rules that qualify.
    const { fire, heldBack } = chooseTrigger(qualifying, state, history, { typing: false, chatting: false });
    for (const rule of heldBack) {
      if (tab.heldBack.has(rule.id)) continue;
      tab.heldBack.add(rule.id);
      this.ports.heldBack(tab.siteId, tab.visitorId, rule.id, this.ports.newId());
    }
    if (!fire) return this.#wake(tab, rules, state, memory?.lastFiredAt ?? caps, now);
    // Busy, or an invitation sent to one of the visitor's tabs is still unanswered: later.
    if (tab.typing || facts.chatting || (memory && this.#offerPending(memory, now)))
      return this.#arm(tab, this.#secondOf(now + BUSY_RECHECK_MS));
    const firingId = this.ports.newId();
    if (!this.ports.offer(tab.socketId, tab.siteId, fire.id, firingId)) return this.#wake(tab, rules, state, caps, now);
    tab.invited = true;
    this.#unarm(tab);
    memory?.offers.set(firingId, { ruleId: fire.id, at: now });
  }

  /**
   * Waits for the visitor's caps (PostgreSQL), then looks at each of the
   * visitor's tabs again; the tab that asked keeps its exit intent. A failed
   * read is asked again a few seconds later, not at once.
   */
  #readCaps(tab: Tab, memory: VisitorMemory, read: Promise<Record<string, number>>, exitIntent: boolean): void {
    memory.readingCaps = true;
    read.then(
      (caps) => {
        memory.readingCaps = false;
        memory.lastFiredAt ??= caps;
        for (const each of this.#tabsOf(memory)) this.#evaluateLogged(each, each === tab && exitIntent);
      },
      (error: unknown) => {
        memory.readingCaps = false;
        this.ports.log(error);
        const later = this.#secondOf(this.#now() + BUSY_RECHECK_MS);
        for (const each of this.#tabsOf(memory)) this.#arm(each, later);
      },
    );
  }

  /** The visitor's tabs still open, if the engine still remembers the visitor. */
  #tabsOf(memory: VisitorMemory): Tab[] {
    return [...memory.tabs].filter((tab) => this.#tabs.get(tab.socketId) === tab && this.#visitors.get(tab.visitorId) === memory);
  }

  #evaluateLogged(tab: Tab, exitIntent: boolean): void {
    try {
      this.#evaluate(tab, exitIntent);
    } catch (error) {
      this.ports.log(error);
    }
  }

  /** Whether an invitation is out and unanswered; those past OFFER_TTL_MS are let go. */
  #offerPending(memory: VisitorMemory, now: number): boolean {
    for (const [firingId, offer] of memory.offers) {
      if (now - offer.at < OFFER_TTL_MS) return true;
      memory.offers.delete(firingId);
    }
    return false;
  }

  /** Arms the tab for the next moment the clock could change an answer: rules its cap holds back wait for their cap. */
  #wake(
    tab: Tab,
    rules: readonly WidgetTrigger[],
    state: VisitorState & { pageStartedAt: number },
    caps: Record<string, number>,
    now: number,
  ) {
    const open = rules.filter((rule) => !tab.heldBack.has(rule.id));
    let at = nextWake(open, { ...state, idleSince: tab.idleSince }, now) ?? Infinity;
    for (const rule of rules) {
      const last = caps[rule.id];
      if (tab.heldBack.has(rule.id) && rule.frequency.kind === 'every_hours' && last !== undefined) {
        const reopens = last + rule.frequency.hours * HOUR;
        if (reopens > now) at = Math.min(at, reopens);
      }
    }
    if (at === Infinity) this.#unarm(tab);
    else this.#arm(tab, this.#secondOf(at - 1) + 1);
  }

  #stateOf(tab: Tab, facts: TabFacts, now: number, exitIntent: boolean, needs: RuleNeeds): VisitorState & { pageStartedAt: number } {
    const page = facts.page!;
    const agents = needs.agentsOnline ? this.ports.onlineAgents(tab.siteId) : { any: false, departments: [] };
    const landing = facts.landing;
    return {
      now,
      pageStartedAt: page.startedAt,
      visitStartedAt: facts.visitStartedAt,
      url: page.url,
      pagesViewed: facts.pagesViewed,
      product: page.product,
      cart: facts.cart,
      checkoutSince: facts.checkoutSince,
      lastActivityAt: tab.idleSince ?? now,
      exitIntent,
      referrer: landing?.referrer ?? '',
      // Parsed only for a site whose rules read campaigns.
      utm: needs.landing && landing ? utmOf(landing.url) : {},
      returning: facts.returning,
      language: (facts.language ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '',
      agentsOnline: (departmentId) => (departmentId ? agents.departments.includes(departmentId) : agents.any),
      events: tab.events,
      withinBusinessHours,
    };
  }

  #armSite(siteId: string): void {
    // Spread over the next few seconds: a site's thousands of tabs in one second would be one long task.
    // Never later than a tab was already due: changes that come often must not keep pushing it back.
    const next = this.#secondOf(this.#now()) + 1;
    let i = 0;
    for (const tab of this.#bySite.get(siteId) ?? []) {
      const second = next + (i++ % 5);
      if (tab.wakeSecond === null || tab.wakeSecond > second) this.#arm(tab, second);
    }
  }

  #secondOf(at: number): number {
    return Math.floor(at / 1000);
  }

  #arm(tab: Tab, second: number): void {
    if (tab.wakeSecond === second) return;
    this.#unarm(tab);
    const at = Math.max(second, this.#swept + 1);
    let due = this.#wheel.get(at);
    if (!due) this.#wheel.set(at, (due = new Set()));
    due.add(tab);
    tab.wakeSecond = at;
  }

  #unarm(tab: Tab): void {
    if (tab.wakeSecond === null) return;
    const due = this.#wheel.get(tab.wakeSecond);
    due?.delete(tab);
    if (due?.size === 0) this.#wheel.delete(tab.wakeSecond);
    tab.wakeSecond = null;
  }
}
