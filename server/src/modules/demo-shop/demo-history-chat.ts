import { DEMO_COMMENTS, DEMO_PROACTIVE, DEMO_THANKS, DEMO_TICKET_ANSWER, DEMO_TOPICS } from './demo-history-script.ts';
import type { Dice, VisitPlan } from './demo-history-timeline.ts';
import type { HistoryCast, HistoryRows } from './demo-history-types.ts';

const S = 1000;
/** The NPS answers in turn, so every install's score is a plausible +47 whatever its draws: mostly promoters, a few detractors. */
const NPS_SCORES = [10, 9, 10, 8, 9, 10, 7, 9, 6, 10, 9, 8, 10, 4, 9];

type EventInsert = HistoryRows['events'][number];

/** One conversation of the history: its log, row, rating, NPS answer and trigger firing. Returns when it ended. */
export function addChat(rows: HistoryRows, dice: Dice, cast: HistoryCast, visit: VisitPlan, visitorId: string, label: string): number {
  const chat = visit.chat!;
  const id = cast.newId('cnv');
  const language = visit.language;
  const [ask, answer, follow, last] = DEMO_TOPICS[chat.topic]!.lines[language];
  const topic = DEMO_TOPICS[chat.topic]!;
  let agent = cast.agents[chat.agent]!;
  const rule = cast.rules[visit.index % cast.rules.length]!;
  const log: EventInsert[] = [];
  let visitorSeq = 0;
  const add = (event: Partial<EventInsert> & Pick<EventInsert, 'type' | 'authorKind' | 'createdAt'>, visible = true) =>
    log.push({
      conversationId: id,
      seq: log.length + 1,
      visitorSeq: visible ? ++visitorSeq : null,
      authorId: null,
      authorName: null,
      clientId: null,
      body: null,
      status: null,
      data: null,
      ...event,
    });
  // Every message carries a client id, as the widget's and the console's do: unique per author, as the log requires.
  const message = (author: Pick<EventInsert, 'authorKind' | 'authorId' | 'authorName'>, body: string, at: number) =>
    add({ type: 'message', ...author, clientId: `demo-${id}-${log.length + 1}`, body, createdAt: at });
  const fromVisitor = (body: string, at: number) => message({ authorKind: 'visitor', authorId: visitorId, authorName: label }, body, at);
  const fromAgent = (body: string, at: number) => message({ authorKind: 'agent', authorId: agent.id, authorName: agent.name }, body, at);
  const joined = (at: number, by: { id: string; name: string } | null) =>
    add({
      type: 'joined',
      authorKind: by ? 'agent' : 'system',
      authorId: by?.id ?? null,
      authorName: by?.name ?? null,
      data: { agent, role: 'assignee' },
      createdAt: at,
    });

  let t = chat.startsAt;
  let createdAt = t;
  let departmentId: string | null = null;
  let firingId: string | null = null;
  if (chat.kind === 'proactive') {
    createdAt = t - dice.int(40, 150) * S;
    joined(createdAt, agent);
    fromAgent(DEMO_PROACTIVE[language], createdAt);
  } else if (chat.kind === 'trigger') {
    // The invitation was shown before the shopper answered it: the clock starts at their answer, never at the invitation.
    firingId = `demo-firing-${String(visit.index).padStart(4, '0')}`;
    const body = rule.message;
    add({
      type: 'message',
      authorKind: 'agent',
      authorName: cast.siteName,
      clientId: firingId,
      body,
      createdAt: t - dice.int(20, 120) * S,
    });
  } else if (chat.kind === 'ticket') departmentId = cast.departments.comandes.id;
  fromVisitor(ask, t);
  let ticketSince: number | null = null;
  let missedAt: number | null = null;
  let firstResponseAt: number | null = null;
  if (chat.kind === 'missed') {
    // Everyone was busy: the shopper left before anyone took it, and an agent closed it later.
    missedAt = t + dice.int(90, 240) * S;
    add(
      { type: 'state', authorKind: 'system', status: 'open', data: { snoozedUntil: null, stateReason: 'missed' }, createdAt: missedAt },
      false,
    );
    t = missedAt + dice.int(5, 40) * 60 * S;
    add({ type: 'status', authorKind: 'agent', authorId: agent.id, authorName: agent.name, status: 'closed', createdAt: t });
  } else {
    if (chat.kind === 'ticket') {
      ticketSince = t;
      t = chat.answeredAt!;
      joined(t - 20 * S, agent);
      fromAgent(`${DEMO_TICKET_ANSWER[language]} ${answer}`, t);
    } else {
      if (chat.kind !== 'proactive') joined(t, null);
      t += dice.seconds(45, 12, 420) * S;
      fromAgent(answer, t);
    }
    firstResponseAt = t;
    if (chat.transferTo !== null) {
      const to = cast.agents[chat.transferTo]!;
      t += dice.int(20, 60) * S;
      // Sent to the topic's line, where the colleague took it, as the console's transfer to a department logs it.
      const line = cast.departments[topic.department];
      const by = { authorKind: 'agent' as const, authorId: agent.id, authorName: agent.name, createdAt: t };
      add({ type: 'left', ...by, data: { agent, reason: 'transferred' } });
      add({ type: 'queued', ...by, data: { department: line, reason: 'transferred' } });
      agent = to;
      t += dice.int(5, 30) * S;
      joined(t, null);
      departmentId = line.id;
    }
    t += dice.int(25, 150) * S;
    fromVisitor(follow, t);
    t += dice.seconds(50, 10, 300) * S;
    fromAgent(last, t);
    if (dice.chance(0.7)) fromVisitor(dice.pick(DEMO_THANKS[language]), (t += dice.int(15, 60) * S));
    t += dice.int(30, 240) * S;
    const byVisitor = dice.chance(0.3);
    add({
      type: 'status',
      authorKind: byVisitor ? 'visitor' : 'agent',
      authorId: byVisitor ? visitorId : agent.id,
      authorName: byVisitor ? label : agent.name,
      status: 'closed',
      createdAt: t,
    });
  }
  const closedAt = t;
  const rating = chat.kind !== 'missed' && dice.chance(0.45) ? rate(dice, language, closedAt) : null;
  if (rating) {
    rows.ratings.push({ id: cast.newId('rat'), siteId: cast.siteId, conversationId: id, visitorId, round: closedAt, ...rating });
    if (dice.chance(0.45))
      rows.nps.push({
        id: cast.newId('nps'),
        siteId: cast.siteId,
        visitorId,
        customerId: null,
        score: NPS_SCORES[rows.nps.length % NPS_SCORES.length]!,
        createdAt: rating.createdAt + 8 * S,
      });
  }
  if (firingId !== null) {
    const ruleId = rule.id;
    const firedAt = log[0]!.createdAt;
    const purchase = visit.purchaseAt;
    rows.firings.push({
      siteId: cast.siteId,
      ruleId,
      visitorId,
      firingId,
      outcome: 'fired',
      at: firedAt,
      openedAt: firedAt + 4 * S,
      repliedAt: chat.startsAt,
      conversationId: id,
      answeredAt: firstResponseAt,
      checkoutAt: purchase === null ? null : purchase - 3 * 60 * S,
      purchaseAt: purchase,
    });
  }
  const lastMessage = log.findLast((e) => e.type === 'message')!;
  const tag = topic.tag !== null && dice.chance(0.8) ? [topic.tag] : [];
  rows.events.push(...log);
  rows.conversations.push({
    id,
    siteId: cast.siteId,
    visitorId,
    visitorLabel: label,
    status: 'closed',
    origin: chat.kind === 'proactive' ? 'agent' : chat.kind === 'trigger' ? 'trigger' : 'visitor',
    tags: tag,
    departmentId,
    assigneeId: chat.kind === 'missed' ? null : agent.id,
    queuedAt: null,
    firstResponseAt,
    lastSeq: log.length,
    lastVisitorSeq: visitorSeq,
    lastMessageBody: lastMessage.body,
    lastMessageAuthor: lastMessage.authorKind,
    lastMessageAt: lastMessage.createdAt,
    createdAt,
    updatedAt: closedAt,
    closedAt,
    ticketSince,
    missedAt,
    visitorLeftAt: missedAt,
    visitorReadSeq: log.length,
    agentReadSeq: visitorSeq,
    rating,
  });
  return closedAt;
}

/** Mostly happy shoppers, a few unhappy ones, a third of them saying why. */
function rate(dice: Dice, language: 'ca' | 'es' | 'en', closedAt: number): { score: number; comment: string | null; createdAt: number } {
  const score = dice.pick([5, 5, 5, 5, 5, 4, 4, 4, 3, 2, 1]);
  const comments = DEMO_COMMENTS[score >= 4 ? 'good' : 'bad'][language];
  return { score, comment: dice.chance(0.35) ? dice.pick(comments) : null, createdAt: closedAt + dice.int(5, 60) * S };
}
