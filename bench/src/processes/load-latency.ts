// Load generator: VISITORS visitors and the agents they talk to, RATE
// messages a second in all for SECONDS; each message carries its send time,
// and the agent side records when it arrives. Same code for both servers.
import { performance } from 'node:perf_hooks';
import { agentSocket, connectedOnce, inBatches, percentile, send, visitorsInConversation, type Mode } from '../clients.ts';
import type { LatencyResult } from '../protocol.ts';

const mode = process.env.MODE as Mode;
const url = process.env.URL!;
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

const agents = await inBatches(agentCount, 10, async (i) => {
  const socket = await agentSocket(mode, url, agentEmails[i] ?? '', i);
  socket.on('message:created', ({ event }: { event: { body: string } }) => {
    if (!measuring || !event.body.startsWith('t=')) return;
    const sentAt = Number(event.body.slice(2));
    latencies.push(performance.now() - sentAt);
    if (withSamples) sentAtOf.push(performance.timeOrigin + sentAt);
  });
  await connectedOnce(socket);
  return socket;
});

const visitors = await visitorsInConversation(mode, url, siteKey, visitorCount);
await new Promise((r) => setTimeout(r, 500));
console.log(`READY ${JSON.stringify({ visitors: visitors.length, agents: agents.length })}`);

measuring = true;
let sent = 0;
let failed = 0;
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
      void send(visitor, `m-${process.pid}-${sent}`, `t=${performance.now()}`).then((ack) => {
        if (!ack.ok) failed += 1;
      });
    }
  }, tickMs);
});
await new Promise((r) => setTimeout(r, 1000));
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
for (const s of [...visitors, ...agents]) s.disconnect();
// Exits once the line is out: a pipe is written asynchronously, and the samples make it long.
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`, () => process.exit(0));
