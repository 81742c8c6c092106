import { zonedInstant } from '@mostrador/shared';
import { localDayNumber } from '@mostrador/shared/reports';
import type { DemoLanguage } from './demo-history-script.ts';

// When things happened in the demo shop's history: the team's working days and the shoppers' visits and chats,
// as plain plans the row builder (demo-history-rows.ts) turns into rows. Pure: the same seed and `now` give the
// same plans.

export const HISTORY_DAYS = 28;
const MINUTE = 60_000;

/** A seeded PRNG (mulberry32): the history reads the same on every install started at the same moment. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Draws for one history: uniform numbers, integers, picks and a skewed duration. */
export class Dice {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Seconds with a long tail (log-normal around `median`), kept within [min, max]. */
  seconds(median: number, min: number, max: number): number {
    const normal = Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
    return Math.round(Math.min(max, Math.max(min, median * Math.exp(0.7 * normal))));
  }
}

export type AgentStatus = 'online' | 'away' | 'offline';

/** One agent's status changes on one day, in local minutes; the last is always 'offline'. */
export type Shift = ReadonlyArray<readonly [minute: number, status: AgentStatus]>;

/**
 * Who works when (the agents by index: 0 Laia, 1 Jordi, 2 Núria), by weekday (0 = Sunday): Laia mornings and
 * afternoons with a coffee break away, Jordi a long day with lunch away, Núria three afternoons and Saturday.
 */
export function shiftsOf(weekday: number): readonly Shift[] {
  const h = (hours: number) => hours * 60;
  if (weekday === 0) return [[], [], []];
  if (weekday === 6)
    return [
      [],
      [],
      [
        [h(10), 'online'],
        [h(14), 'offline'],
      ],
    ];
  const laia: Shift = [
    [h(9), 'online'],
    [h(11), 'away'],
    [h(11.25), 'online'],
    [h(14), 'offline'],
    [h(15), 'online'],
    [h(18), 'offline'],
  ];
  const jordi: Shift = [
    [h(10), 'online'],
    [h(14), 'away'],
    [h(15), 'online'],
    [h(19), 'offline'],
  ];
  const nuria: Shift =
    weekday % 2 === 1
      ? [
          [h(16), 'online'],
          [h(20), 'offline'],
        ]
      : [];
  return [laia, jordi, nuria];
}

function statusAt(shift: Shift, minute: number): AgentStatus {
  let status: AgentStatus = 'offline';
  for (const [at, next] of shift) if (at <= minute) status = next;
  return status;
}

/** The agents (by index) online at a local minute of the day. */
export const onlineAt = (shifts: readonly Shift[], minute: number): number[] =>
  shifts.flatMap((shift, index) => (statusAt(shift, minute) === 'online' ? [index] : []));

/** How a chat went, as the reports tell chats apart. */
export type ChatKind = 'visitor' | 'trigger' | 'proactive' | 'missed' | 'ticket';

/** A shopper's visit: when it began, and the chat it held, if any. */
export interface VisitPlan {
  index: number;
  arrivedAt: number;
  language: DemoLanguage;
  chat: ChatPlan | null;
  /** Bought something during this visit, or in the days after (always before `now`). */
  purchaseAt: number | null;
}

export interface ChatPlan {
  kind: ChatKind;
  /** The shopper's first message (a proactive chat's greeting comes before it). */
  startsAt: number;
  topic: number;
  /** Who answers (index into the agents); for a ticket, whoever is first online when the line opens. */
  agent: number;
  /** Whom a transferred chat went to, or null. */
  transferTo: number | null;
  /** When a ticket is answered (the next opening); null for live chats. */
  answeredAt: number | null;
}

/** The hours of the line that keeps office hours ('Comandes i devolucions'): Monday to Friday, 09:00–18:00. */
export const OFFICE_HOURS = { from: 9 * 60, to: 18 * 60, weekdays: [1, 2, 3, 4, 5] } as const;

/** The day's visitors: fewer at weekends; and the hours they come at (local), weighted towards lunch and evening. */
const VISITORS_PER_DAY = [10, 18, 18, 18, 18, 16, 12];
const HOUR_WEIGHTS = [1, 0, 0, 0, 0, 0, 1, 2, 4, 6, 8, 9, 9, 7, 6, 7, 8, 8, 7, 8, 9, 7, 4, 2];
/** Share of a day's visitors who chat, by weekday. */
const CHAT_SHARE = [0.4, 0.58, 0.58, 0.58, 0.58, 0.55, 0.46];

function hourOf(dice: Dice): number {
  const total = HOUR_WEIGHTS.reduce((sum, w) => sum + w, 0);
  let roll = dice.next() * total;
  for (const [hour, weight] of HOUR_WEIGHTS.entries()) {
    roll -= weight;
    if (roll < 0) return hour;
  }
  return 12;
}

export interface DayPlan {
  dayNumber: number;
  weekday: number;
  shifts: readonly Shift[];
  /** Local midnight, as an instant. */
  start: number;
}

/** The HISTORY_DAYS local days before today, oldest first. */
export function daysBefore(now: number, timeZone: string): DayPlan[] {
  const today = localDayNumber(now, timeZone);
  return Array.from({ length: HISTORY_DAYS }, (_, i) => {
    const dayNumber = today - HISTORY_DAYS + i;
    const weekday = (((dayNumber + 4) % 7) + 7) % 7;
    return { dayNumber, weekday, shifts: shiftsOf(weekday), start: zonedInstant(dayNumber, 0, timeZone) };
  });
}

/** The instant of a local minute of a day (zone changes included). */
export const instantOf = (day: DayPlan, minute: number, timeZone: string): number => zonedInstant(day.dayNumber, minute, timeZone);

/** The first minute after `from` (on its day or the next days) when someone is online, as an instant and an agent. */
function nextOpening(days: readonly DayPlan[], dayIndex: number, minute: number, timeZone: string): { at: number; agent: number } | null {
  for (let d = dayIndex; d < days.length; d++) {
    const day = days[d]!;
    const starts = day.shifts.flatMap((shift, agent) =>
      shift.filter(([at, status]) => status === 'online' && (d > dayIndex || at > minute)).map(([at]) => ({ at, agent })),
    );
    const first = starts.sort((a, b) => a.at - b.at)[0];
    if (first) return { at: instantOf(day, first.at, timeZone), agent: first.agent };
  }
  return null;
}

/** Why a chat with an agent online went one way or another: chosen so a few are missed, a few transferred. */
const SHARES = { trigger: 0.14, proactive: 0.09, missed: 0.09, transfer: 0.08 };

function chatFor(
  dice: Dice,
  days: readonly DayPlan[],
  dayIndex: number,
  minute: number,
  startsAt: number,
  bounds: { now: number; timeZone: string },
): ChatPlan | null {
  const day = days[dayIndex]!;
  const online = onlineAt(day.shifts, minute);
  const topic = dice.int(0, 4);
  if (online.length === 0) {
    // Nobody could answer: most shoppers leave without writing to a closed chat; the others leave a ticket,
    // answered when the first agent comes online (if that is before now).
    if (dice.chance(0.75)) return null;
    const opening = nextOpening(days, dayIndex, minute, bounds.timeZone);
    const answeredAt = opening ? opening.at + dice.seconds(600, 60, 3_000) * 1000 : null;
    if (!opening || answeredAt === null || answeredAt > bounds.now - 30 * MINUTE) return null;
    return { kind: 'ticket', startsAt, topic, agent: opening.agent, transferTo: null, answeredAt };
  }
  const agent = dice.pick(online);
  const roll = dice.next();
  const kind: ChatKind =
    roll < SHARES.trigger
      ? 'trigger'
      : roll < SHARES.trigger + SHARES.proactive
        ? 'proactive'
        : roll < SHARES.trigger + SHARES.proactive + SHARES.missed
          ? 'missed'
          : 'visitor';
  const others = online.filter((a) => a !== agent);
  const transferTo = kind !== 'missed' && others.length > 0 && dice.chance(SHARES.transfer * 2) ? dice.pick(others) : null;
  return { kind, startsAt, topic: kind === 'proactive' ? 3 : topic, agent, transferTo, answeredAt: null };
}

/**
 * The visits of the history's days, oldest first: a few hundred shoppers, about four in ten chatting on a
 * weekday, some buying after their chat and fewer without one (the revenue report's baseline).
 */
export function visitsOf(dice: Dice, days: readonly DayPlan[], now: number, timeZone: string): VisitPlan[] {
  const visits: VisitPlan[] = [];
  for (const [dayIndex, day] of days.entries()) {
    const count = VISITORS_PER_DAY[day.weekday]! + dice.int(-2, 2);
    for (let i = 0; i < count; i++) {
      const minute = hourOf(dice) * 60 + dice.int(0, 59);
      const arrivedAt = instantOf(day, minute, timeZone) + dice.int(0, 59) * 1000;
      // Just after midnight, yesterday's last visits may not be over yet: the history stays in the past.
      if (arrivedAt > now - 2 * 60 * MINUTE) continue;
      const language: DemoLanguage = dice.pick(['ca', 'ca', 'ca', 'es', 'es', 'en']);
      const chatMinute = minute + dice.int(1, 6);
      const chat = dice.chance(CHAT_SHARE[day.weekday]!)
        ? chatFor(dice, days, dayIndex, chatMinute, instantOf(day, chatMinute, timeZone) + dice.int(0, 59) * 1000, { now, timeZone })
        : null;
      const buys = dice.chance(chat && chat.kind !== 'missed' ? 0.26 : 0.05);
      // After the chat (within the visit mostly, the next day now and then), or later in a visit without one.
      const delay = dice.chance(0.85) ? dice.int(8, 40) * MINUTE : dice.int(18, 40) * 60 * MINUTE;
      const purchaseAt = buys ? (chat?.answeredAt ?? chat?.startsAt ?? arrivedAt) + delay : null;
      visits.push({
        index: visits.length,
        arrivedAt,
        language,
        chat,
        purchaseAt: purchaseAt !== null && purchaseAt < now ? purchaseAt : null,
      });
    }
  }
  return visits.sort((a, b) => a.arrivedAt - b.arrivedAt).map((visit, index) => ({ ...visit, index }));
}

/** Every agent's status changes over the history's days, as instants. */
export function statusChangesOf(days: readonly DayPlan[], timeZone: string): { agent: number; status: AgentStatus; at: number }[] {
  return days.flatMap((day) =>
    day.shifts.flatMap((shift, agent) => shift.map(([minute, status]) => ({ agent, status, at: instantOf(day, minute, timeZone) }))),
  );
}
