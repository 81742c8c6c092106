// Load generator: VISITORS visitors and the agents they talk to, RATE
// messages a second in all for SECONDS; each message carries its send time,
// and the agent side records when it arrives. Same code for both servers.
// With AGENT_URLS (a cluster's other nodes), agents connect there in turn;
// with CHECK=1, every acknowledged message must reach its agent once; with
// TAKE=1, agents take the conversations routing left unassigned.
import { performance } from 'node:perf_hooks';
import { agentSocket, connectedOnce, inBatches, percentile, send, visitorsInConversation, type Mode } from '../clients.ts';
import { DeliveryLedger, recordSeen, type SeenMessage } from '../delivery.ts';
import { takeUnassigned } from '../take-unassigned.ts';
import type { LatencyResult } from '../protocol.ts';

const mode = process.env.MODE as Mode;
const url = process.env.URL!;
const agentUrls = JSON.parse(process.env.AGENT_URLS ?? '[]') as string[];
const siteKey = process.env.SITE_KEY ?? '';
const agentEmails = JSON.parse(process.env.AGENT_EMAILS ?? '[]') as string[];
const agentCount = Number(process.env.AGENTS);
const visitorCount = Number(process.env.VISITORS);
const rate = Number(process.env.RATE);
const seconds = Number(process.env.SECONDS);

/** Each message's latency and, with SAMPLES=1, its send time (epoch ms), so the bench can take the figure over another process's window (an upload burst). */
const latencies: number[] = [];
const sentAtOf: number[] = [];
const withSamples = process.env.SAMPLES === '1';
let measuring = false;
const ledger = process.env.CHECK === '1' ? new DeliveryLedger(`m-${process.pid}-`) : null;

const agents = await inBatches(agentCount, 10, async (i) => {
  const socket = await agentSocket(mode, agentUrls[i % agentUrls.length] ?? url, agentEmails[i] ?? '', i);
  socket.on('message:created', (fact: SeenMessage & { event: { body: string } }) => {
    const { event } = fact;
    if (ledger) recordSeen(ledger, i, fact);
    if (!measuring || !event.body.startsWith('t=')) return;
    const sentAt = Number(event.body.slice(2));
    latencies.push(performance.now() - sentAt);
    if (withSamples) sentAtOf.push(performance.timeOrigin + sentAt);
  });
  await connectedOnce(socket);
  return socket;
});

const { visitors, conversationIds } = await visitorsInConversation(mode, url, siteKey, visitorCount);
const assignment = process.env.TAKE === '1' ? await takeUnassigned(agents, conversationIds) : undefined;
await new Promise((r) => setTimeout(r, 500));
console.log(`READY ${JSON.stringify({ visitors: visitors.length, agents: agents.length })}`);

measuring = true;
let sent = 0;
let failed = 0;
let inFlight = 0;
const tickMs = 5;
const started = performance.now();
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    if (performance.now() - started >= seconds * 1000) {
      clearInterval(timer);
      resolve();
      return;
    }
    // Owed by the clock, not by ticks, so a late timer catches up instead of lowering the rate.
    const owed = Math.floor(((performance.now() - started) / 1000) * rate) - sent;
    for (let k = 0; k < owed; k += 1) {
      const visitor = visitors[sent % visitors.length]!;
      sent += 1;
      const clientId = `m-${process.pid}-${sent}`;
      inFlight += 1;
      void send(visitor, clientId, `t=${performance.now()}`).then((ack) => {
        inFlight -= 1;
        if (!ack.ok) failed += 1;
        else ledger?.acked(clientId);
      });
    }
  }, tickMs);
});
await new Promise((r) => setTimeout(r, 1000));
// A checked run measures every message to its arrival, however late (a server that falls behind shows it in its
// p99, and in the CPU it spends after the rate stops); an unchecked one measures those arrived within this second.
if (ledger) await ledger.settled(() => inFlight);
measuring = false;
const elapsed = (performance.now() - started) / 1000;

const samples = withSamples ? latencies.map((latency, i) => [sentAtOf[i]!, latency] as const) : undefined;
latencies.sort((a, b) => a - b);
const result: LatencyResult & { failed: number; samples?: (readonly [sentAt: number, latency: number])[] } = {
  sent,
  received: latencies.length,
  failed,
  seconds: elapsed,
  p50: percentile(latencies, 50),
  p99: percentile(latencies, 99),
  max: latencies.at(-1) ?? 0,
  ...(samples && { samples }),
};
// The figures first (the bench's CPU window ends at this line), then, when asked, the delivery check's.
console.log(`RESULT ${JSON.stringify(result)}`);
if (ledger) console.log(`RESULT ${JSON.stringify({ ...result, assignment, delivery: await ledger.finalCounts() })}`);
for (const s of [...visitors, ...agents]) s.disconnect();
// Exits once the lines are out: a pipe is written asynchronously, and the samples make them long.
process.stdout.write('', () => process.exit(0));
