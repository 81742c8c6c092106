// Load generator for durable throughput: every visitor keeps WINDOW messages
// in flight and sends the next as soon as one is acknowledged (for Mostrador,
// acknowledged means committed to disk). Agents are connected and receive
// everything, as in production. Counts acknowledgements a second.
// With AGENT_URLS (a cluster's other nodes), agents connect there in turn;
// with CHECK=1, every acknowledged message must reach its agent once; with
// TAKE=1, agents take the conversations routing left unassigned.
import { performance } from 'node:perf_hooks';
import { agentSocket, connectedOnce, inBatches, send, visitorsInConversation, type Mode } from '../clients.ts';
import { DeliveryLedger, recordSeen, type SeenMessage } from '../delivery.ts';
import { takeUnassigned } from '../take-unassigned.ts';

const mode = process.env.MODE as Mode;
const url = process.env.URL!;
const agentUrls = JSON.parse(process.env.AGENT_URLS ?? '[]') as string[];
const siteKey = process.env.SITE_KEY ?? '';
const agentEmails = JSON.parse(process.env.AGENT_EMAILS ?? '[]') as string[];
const visitorCount = Number(process.env.VISITORS);
const window = Number(process.env.WINDOW);
const seconds = Number(process.env.SECONDS);
const ledger = process.env.CHECK === '1' ? new DeliveryLedger(`tp-${process.pid}-`) : null;

const agents = await inBatches(Number(process.env.AGENTS), 10, async (i) => {
  const socket = await agentSocket(mode, agentUrls[i % agentUrls.length] ?? url, agentEmails[i] ?? '', i);
  if (ledger) socket.on('message:created', (fact: SeenMessage) => recordSeen(ledger, i, fact));
  await connectedOnce(socket);
  return socket;
});
const { visitors, conversationIds } = await visitorsInConversation(mode, url, siteKey, visitorCount);
const assignment = process.env.TAKE === '1' ? await takeUnassigned(agents, conversationIds) : undefined;
console.log(`READY ${JSON.stringify({ visitors: visitorCount })}`);

let acked = 0;
let failed = 0;
let counter = 0;
let running = true;
let inFlight = 0;
const started = performance.now();
async function pump(visitor: (typeof visitors)[number]): Promise<void> {
  while (running) {
    counter += 1;
    const clientId = `tp-${process.pid}-${counter}`;
    inFlight += 1;
    const ack = await send(visitor, clientId, `throughput ${counter}`);
    inFlight -= 1;
    // Acknowledged after the window: not counted, but it must reach its agent all the same.
    if (ack.ok) ledger?.acked(clientId);
    if (!running) return;
    if (ack.ok) acked += 1;
    else failed += 1;
  }
}
const pumps = visitors.flatMap((v) => Array.from({ length: window }, () => pump(v)));
await new Promise((r) => setTimeout(r, seconds * 1000));
running = false;
const elapsed = (performance.now() - started) / 1000;
const result = { acked, failed, seconds: elapsed, perSecond: acked / elapsed };
// The figures first (the bench's CPU window ends at this line), then, when asked, the delivery check's.
console.log(`RESULT ${JSON.stringify(result)}`);
if (ledger) {
  await ledger.settled(() => inFlight);
  console.log(`RESULT ${JSON.stringify({ ...result, assignment, delivery: await ledger.finalCounts() })}`);
}
void pumps;
for (const s of [...visitors, ...agents]) s.disconnect();
process.exit(0);
