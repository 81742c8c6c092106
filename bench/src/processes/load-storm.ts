// Load generator for the reconnect storm. Visitors keep sending (with the
// widget's outbox: a message stays pending until acked, and is resent with
// the same client id after a reconnect); an admin console observes every
// conversation and resyncs from its last seq on reconnect. The bench kills the
// server mid-stream and starts it again, then writes "BACK <ms>" on our stdin.
// We report how long until every client is back and resynced, and count what
// was acked but never seen (lost) and what was seen twice (duplicated).
import { createInterface } from 'node:readline';
import { agentSocket, connectedOnce, inBatches, send, visitorReady, visitorSocket, type Ack } from '../clients.ts';

type Event = { seq: number; type: string; clientId?: string; conversationId: string };
type Page = { ok: boolean; data?: { events: Event[]; hasMore: boolean } };

const url = process.env.URL!;
const siteKey = process.env.SITE_KEY!;
const agentEmails = JSON.parse(process.env.AGENT_EMAILS!) as string[];
const rate = Number(process.env.RATE);

/** Resync pages the observer asked for and did not get (timed out, or refused): a lost message may be one of theirs. */
let syncFailures = 0;
// The observer: every conversation's log, merged by seq as the console does.
const logs = new Map<string, Map<number, Event>>();
function merge(events: Event[]): void {
  for (const e of events) {
    let log = logs.get(e.conversationId);
    if (!log) logs.set(e.conversationId, (log = new Map()));
    log.set(e.seq, e);
  }
}
const admin = await agentSocket('mostrador', url, process.env.ADMIN!, 0);
admin.on('message:created', ({ event }: { event: Event }) => merge([event]));
admin.on('conversation:changed', ({ event }: { event: Event }) => merge([event]));
await connectedOnce(admin);
await new Promise((r) => admin.timeout(10_000).emit('presence:set', { status: 'away' }, r));

/** Resyncs every conversation from its gap-free prefix, 64 at a time, as a console with many chats would. */
async function resync(): Promise<void> {
  const ids = [...logs.keys()];
  await Promise.all(
    Array.from({ length: 64 }, async (_, worker) => {
      for (let i = worker; i < ids.length; i += 64) await resyncOne(ids[i]!);
    }),
  );
}

async function resyncOne(conversationId: string): Promise<void> {
  {
    for (;;) {
      const log = logs.get(conversationId)!;
      // From the end of the gap-free prefix, as the console does: a live event may have arrived past a gap.
      let afterSeq = 0;
      while (log.has(afterSeq + 1)) afterSeq += 1;
      const page = await new Promise<Page>((resolve) =>
        admin
          .timeout(30_000)
          .emit('conversation:sync', { conversationId, afterSeq }, (err: Error | null, p: Page) => resolve(err ? { ok: false } : p)),
      );
      if (!page.ok || !page.data) {
        syncFailures += 1;
        break;
      }
      merge(page.data.events);
      if (!page.data.hasMore) break;
    }
  }
}

const agents = await inBatches(agentEmails.length, 10, async (i) => {
  const socket = await agentSocket('mostrador', url, agentEmails[i]!, i);
  await connectedOnce(socket);
  return socket;
});

// Visitors with an outbox.
interface Outbox {
  pending: Map<string, string>;
  acked: Set<string>;
}
const outboxes: Outbox[] = [];
let counter = 0;
const visitors = await inBatches(Number(process.env.VISITORS), 250, async (i) => {
  const socket = visitorSocket('mostrador', url, siteKey, i);
  const box: Outbox = { pending: new Map(), acked: new Set() };
  outboxes[i] = box;
  const deliver = (clientId: string, body: string) =>
    void send(socket, clientId, body).then((ack: Ack) => {
      if (ack.ok && box.pending.delete(clientId)) box.acked.add(clientId);
    });
  socket.on('session:established', () => {
    for (const [clientId, body] of box.pending) deliver(clientId, body);
  });
  (socket as unknown as { deliver: typeof deliver }).deliver = deliver;
  await visitorReady(socket, 'mostrador');
  return socket;
});
function sendFrom(i: number, body: string): void {
  counter += 1;
  const clientId = `storm-${process.pid}-${counter}`;
  outboxes[i]!.pending.set(clientId, body);
  (visitors[i] as unknown as { deliver(c: string, b: string): void }).deliver(clientId, body);
}
for (let i = 0; i < visitors.length; i += 1) sendFrom(i, 'hola');
while (outboxes.some((b) => b.pending.size > 0)) await new Promise((r) => setTimeout(r, 100));
await new Promise((r) => setTimeout(r, 500));
await resync();
// Learn every conversation (those created before the admin's first list are known from events).
const all = await new Promise<{ ok: boolean; data?: { conversations: Array<{ id: string }> } }>((resolve) =>
  admin.timeout(30_000).emit('conversation:list', { view: 'all' }, (_e: unknown, r: never) => resolve(r)),
);
for (const c of all.data?.conversations ?? []) if (!logs.has(c.id)) logs.set(c.id, new Map());
await resync();

let sending = true;
let next = 0;
const timer = setInterval(() => {
  if (!sending) return;
  for (let k = 0; k < rate / 100; k += 1) sendFrom(next++ % visitors.length, `m ${next}`);
}, 10);
console.log(`READY ${JSON.stringify({ visitors: visitors.length, conversations: logs.size })}`);

// Wait for the bench to say the server is back.
const backAt = await new Promise<number>((resolve) => {
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.startsWith('BACK ')) resolve(Number(line.slice(5)));
  });
});
const clients = [admin, ...agents, ...visitors];
while (clients.some((c) => !c.connected)) await new Promise((r) => setTimeout(r, 20));
await resync();
while (outboxes.some((b) => b.pending.size > 0) && Date.now() - backAt < 60_000) await new Promise((r) => setTimeout(r, 20));
const resyncedMs = Date.now() - backAt;

// Keep going a little, then stop and let everything land.
await new Promise((r) => setTimeout(r, 2000));
sending = false;
clearInterval(timer);
const drainStart = Date.now();
while (outboxes.some((b) => b.pending.size > 0) && Date.now() - drainStart < 30_000) await new Promise((r) => setTimeout(r, 50));
await new Promise((r) => setTimeout(r, 500));
await resync();

const seen = new Map<string, number>();
for (const log of logs.values()) {
  for (const e of log.values()) if (e.type === 'message' && e.clientId) seen.set(e.clientId, (seen.get(e.clientId) ?? 0) + 1);
}
let acked = 0;
let lost = 0;
/** The lost ones' client ids (the first 10,000), for the bench to look for in the database. */
const lostIds: string[] = [];
for (const box of outboxes) {
  for (const clientId of box.acked) {
    acked += 1;
    if (seen.has(clientId)) continue;
    lost += 1;
    if (lostIds.length < 10_000) lostIds.push(clientId);
  }
}
const duplicated = [...seen.values()].filter((n) => n > 1).length;
const unacked = outboxes.reduce((n, b) => n + b.pending.size, 0);
for (const c of clients) c.disconnect();
const result = { clients: clients.length, resyncedMs, acked, lost, lostIds, syncFailures, duplicated, unacked };
// Exits once the line is out: a pipe is written asynchronously.
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`, () => process.exit(0));
