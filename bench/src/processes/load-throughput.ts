// Load generator for durable throughput: every visitor keeps WINDOW messages
// in flight and sends the next as soon as one is acknowledged (for Mostrador,
// acknowledged means committed to disk). Agents are connected and receive
// everything, as in production. Counts acknowledgements a second.
import { performance } from 'node:perf_hooks';
import { agentSocket, connectedOnce, inBatches, send, visitorsInConversation, type Mode } from '../clients.ts';

const mode = process.env.MODE as Mode;
const url = process.env.URL!;
const siteKey = process.env.SITE_KEY ?? '';
const agentEmails = JSON.parse(process.env.AGENT_EMAILS ?? '[]') as string[];
const visitorCount = Number(process.env.VISITORS);
const window = Number(process.env.WINDOW);
const seconds = Number(process.env.SECONDS);

const agents = await inBatches(Number(process.env.AGENTS), 10, async (i) => {
  const socket = await agentSocket(mode, url, agentEmails[i] ?? '', i);
  await connectedOnce(socket);
  return socket;
});
const visitors = await visitorsInConversation(mode, url, siteKey, visitorCount);
console.log(`READY ${JSON.stringify({ visitors: visitorCount })}`);

let acked = 0;
let failed = 0;
let counter = 0;
let running = true;
const started = performance.now();
async function pump(visitor: (typeof visitors)[number]): Promise<void> {
  while (running) {
    counter += 1;
    const ack = await send(visitor, `tp-${process.pid}-${counter}`, `throughput ${counter}`);
    if (!running) return;
    if (ack.ok) acked += 1;
    else failed += 1;
  }
}
const pumps = visitors.flatMap((v) => Array.from({ length: window }, () => pump(v)));
await new Promise((r) => setTimeout(r, seconds * 1000));
running = false;
const elapsed = (performance.now() - started) / 1000;
console.log(`RESULT ${JSON.stringify({ acked, failed, seconds: elapsed, perSecond: acked / elapsed })}`);
void pumps;
for (const s of [...visitors, ...agents]) s.disconnect();
process.exit(0);
