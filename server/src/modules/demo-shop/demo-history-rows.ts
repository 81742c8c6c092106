import { DEMO_PRODUCTS } from './catalog.ts';
import { addChat } from './demo-history-chat.ts';
import { DEMO_FIRST_NAMES, DEMO_INITIALS, DEMO_PAGES } from './demo-history-script.ts';
import { daysBefore, Dice, prng, statusChangesOf, visitsOf, type ChatPlan, type VisitPlan } from './demo-history-timeline.ts';
import type { HistoryCast, HistoryRows } from './demo-history-types.ts';

const S = 1000;

/** Everything that happened in the demo shop in the HISTORY_DAYS before `now`, generated from `seed`. */
export function historyRows(cast: HistoryCast, seed = 20_261_207): HistoryRows {
  const dice = new Dice(prng(seed));
  const days = daysBefore(cast.now, cast.timeZone);
  const rows: HistoryRows = {
    visitors: [],
    pageViews: [],
    cartEvents: [],
    conversations: [],
    events: [],
    ratings: [],
    nps: [],
    statusChanges: [],
    firings: [],
  };
  for (const visit of visitsOf(dice, days, cast.now, cast.timeZone)) addVisit(rows, dice, cast, visit);
  rows.statusChanges = statusChangesOf(days, cast.timeZone).map(({ agent, status, at }) => ({
    siteId: cast.siteId,
    agentId: cast.agents[agent]!.id,
    status,
    at,
  }));
  return rows;
}

function addVisit(rows: HistoryRows, dice: Dice, cast: HistoryCast, visit: VisitPlan): void {
  const id = cast.newId('vis');
  const first = dice.pick(DEMO_FIRST_NAMES);
  const initial = dice.pick([...DEMO_INITIALS]);
  // The name is the label agents see in the inbox and on each message: every row says it is demo data.
  const label = `Demo: ${first} ${initial}.`;
  const pages = visit.chat ? trailTo(dice, visit.chat) : trailTo(dice, null);
  let at = visit.arrivedAt;
  for (const page of pages) {
    const seconds = dice.int(15, 150);
    rows.pageViews.push({
      visitorId: id,
      url: `${cast.shopUrl}${page.path}`,
      title: page.title,
      referrer: '',
      product: null,
      startedAt: at,
      seconds,
    });
    at += seconds * S;
  }
  const chatEnd = visit.chat ? addChat(rows, dice, cast, visit, id, label) : null;
  // Most invitations go unanswered: some shoppers who never chatted saw one, and a few opened it.
  if (!visit.chat && dice.chance(0.15)) {
    const at = visit.arrivedAt + dice.int(20, 90) * S;
    const rule = cast.rules[visit.index % cast.rules.length]!;
    const openedAt = dice.chance(0.3) ? at + dice.int(3, 20) * S : null;
    const firingId = `demo-firing-${String(visit.index).padStart(4, '0')}`;
    rows.firings.push({ siteId: cast.siteId, ruleId: rule.id, visitorId: id, firingId, outcome: 'fired', at, openedAt });
  }
  const product = dice.pick(DEMO_PRODUCTS);
  const qty = dice.chance(0.2) ? 2 : 1;
  const total = Math.round(product.price * qty * 100) / 100;
  const cart = { visitorId: id, total, currency: 'EUR', itemName: product.name, itemSku: product.sku, qty };
  if (visit.purchaseAt !== null) {
    rows.cartEvents.push({ ...cart, at: visit.arrivedAt + 60 * S, change: 'added' });
    rows.cartEvents.push({ ...cart, at: visit.purchaseAt - 3 * 60 * S, change: 'checkout', itemName: null, itemSku: null, qty: null });
    rows.cartEvents.push({
      ...cart,
      at: visit.purchaseAt,
      change: 'purchase',
      itemName: null,
      itemSku: null,
      qty: null,
      orderNumber: `DEMO-${20_000 + visit.index}`,
    });
  } else if (dice.chance(0.25)) rows.cartEvents.push({ ...cart, at: visit.arrivedAt + 60 * S, change: 'added' });
  const lastSeenAt = Math.max(at, chatEnd ?? 0, visit.purchaseAt ?? 0);
  const slug = `${first
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()}.${initial.toLowerCase()}`;
  rows.visitors.push({
    id,
    siteId: cast.siteId,
    tokenHash: cast.tokenHash(),
    label,
    createdAt: visit.arrivedAt,
    lastSeenAt,
    visits: 1,
    visitStartedAt: visit.arrivedAt,
    claimedName: label,
    claimedEmail: `demo-${slug}-${visit.index}@example.com`,
    device: dice.chance(0.6)
      ? { type: 'mobile', os: 'iOS', browser: 'Safari 18' }
      : { type: 'desktop', os: 'Windows', browser: 'Chrome 131' },
    language: visit.language,
    timeZone: 'Europe/Madrid',
  });
}

/** The pages before a chat: the home page, then the product the chat is about (the cart for orders). */
function trailTo(dice: Dice, chat: ChatPlan | null): (typeof DEMO_PAGES)[number][] {
  const home = DEMO_PAGES[0]!;
  const product = DEMO_PAGES[dice.int(1, 3)]!;
  if (!chat) return dice.chance(0.5) ? [home, product] : [home, product, DEMO_PAGES[dice.int(1, 4)]!];
  return chat.kind === 'proactive' ? [home, DEMO_PAGES[3]!] : [home, product];
}
