import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  agentCommand,
  connectAgent,
  connected,
  connectVisitor,
  nextFact,
  visitorCommand,
  type AgentSocket,
  type VisitorSocket,
} from '@mostrador/server/testing';
import {
  createTestDatabase,
  deleteClusterKeys,
  SHARED_REDIS_URL,
  uniqueRedisName,
  type TestDatabase,
} from '@mostrador/server/testing/cluster';

/**
 * README "Cluster", followed as written: scripts/cluster-example.sh starts
 * three real server processes on one new PostgreSQL database and the shared
 * Redis, behind scripts/cluster-proxy.mjs; everything here goes through the
 * proxy's one address, as a browser would. Only what the README leaves to
 * the reader is set: the URLs, the cluster's name, the demo password, ports
 * and directories of the test's own.
 */
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'cluster-example.sh');
const DEMO_EMAIL = 'demo@mostrador.local';
const DEMO_PASSWORD = 'cluster example password';

interface Example {
  child: ChildProcess;
  output: string[];
  dir: string;
  database: TestDatabase;
  clusterName: string;
  url: string;
}

let example: Example | undefined;
const sockets: Array<VisitorSocket | AgentSocket> = [];

afterEach(async (context) => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  if (!example) return;
  const { child, dir, database, clusterName, output } = example;
  example = undefined;
  if (context.task.result?.state === 'fail') {
    console.log(`cluster-example.sh said:\n${output.join('\n')}`);
    for (const log of readdirSync(dir).filter((name) => name.endsWith('.log'))) {
      console.log(`${log}, the end:\n${readFileSync(join(dir, log), 'utf8').split('\n').slice(-30).join('\n')}`);
    }
  }
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    // Ctrl+C, as a person would stop it; the whole group if that does not do.
    child.kill('SIGINT');
    const late = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(late);
  }
  await database.drop();
  await deleteClusterKeys(clusterName);
  rmSync(dir, { recursive: true, force: true });
});

/** `count` free ports in a row, for FIRST_PORT's nodes; and one more for the proxy. */
async function freePortsInARow(count: number): Promise<number> {
  const free = async (port: number) => {
    const server = createServer();
    server.listen(port);
    // Not events.once: its 'listening' promise rejects on 'error', which is the answer "taken" here.
    const ok = await new Promise<boolean>((resolve) => {
      server.once('listening', () => resolve(true));
      server.once('error', () => resolve(false));
    });
    if (ok) await new Promise((resolve) => server.close(resolve));
    return ok;
  };
  for (;;) {
    const first = 20_000 + Math.floor(Math.random() * 30_000);
    let all = true;
    for (let port = first; port < first + count && all; port++) all = await free(port);
    if (all) return first;
  }
}

async function startExample(): Promise<Example> {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-cluster-example-'));
  const database = await createTestDatabase();
  const clusterName = uniqueRedisName('example');
  const first = await freePortsInARow(4);
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_URL: SHARED_REDIS_URL,
    CLUSTER_NAME: clusterName,
    DEMO_PASSWORD,
    DATA_DIR: dir,
    CLUSTER_DIR: dir,
    FIRST_PORT: String(first),
    PROXY_PORT: String(first + 3),
  };
  const child = spawn('bash', [SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', (line) => output.push(line));
  example = { child, output, dir, database, clusterName, url: `http://127.0.0.1:${first + 3}` };
  // The three nodes compile and start on a small machine: tens of seconds.
  await expect.poll(() => output.filter((line) => / ready$/.test(line)).length, { timeout: 150_000, interval: 250 }).toBe(3);
  return example;
}

/** The node a request reaches: the one the proxy's cookie names, or the one its new cookie names. */
async function landsOn(url: string, node?: string): Promise<string | undefined> {
  const response = await fetch(`${url}/api/ready`, { headers: node ? { cookie: `mostrador_node=${node}` } : {} });
  await response.arrayBuffer();
  return /^mostrador_node=(\d+)/.exec(response.headers.getSetCookie().join('\n'))?.[1] ?? node;
}

function reconnected(socket: VisitorSocket | AgentSocket): Promise<void> {
  return new Promise((resolve) => socket.io.once('reconnect', () => resolve()));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the README's cluster example", () => {
  it('serves shoppers and agents through one address, and moves them off a node told to stop', { timeout: 300_000 }, async () => {
    const { url, dir, output } = await startExample();

    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, status: 'serving', engine: 'postgres', database: 'up', redis: 'up' });

    // The nodes started together on an empty database, and seeded one demo shop: each node's shop page names it.
    const shopTags = await Promise.all(
      ['1', '2', '3'].map(async (node) => {
        const page = await (await fetch(`${url}/shop/`, { headers: { cookie: `mostrador_node=${node}` } })).text();
        return /<script async src="([^"]+)" data-site="([^"]+)">/.exec(page)?.slice(1);
      }),
    );
    const siteKey = shopTags[0]?.[1];
    expect(siteKey).toBeDefined();
    // The widget is fetched from the address the browser used: the proxy passed Host on.
    expect(shopTags).toEqual(Array(3).fill([`${url}/widget.js`, siteKey]));

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const session = login.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('mostrador_session='))!
      .split(';')[0]!;

    // Where each client lands, as the proxy's cookie would keep it once set: Laia's console on node 1 over
    // WebSocket and again on node 2 over long-polling (every request of its session must reach node 2),
    // and the shopper on node 2.
    const console1 = connectAgent(url, `${session}; mostrador_node=1`);
    const polling = connectAgent(url, `${session}; mostrador_node=2`, url, ['polling']);
    const shopper = connectVisitor(url, { siteKey: siteKey! }, url, 'mostrador_node=2');
    sockets.push(console1, polling, shopper);
    const established = nextFact<VisitorSocket, { token: string }>(shopper, 'session:established');
    await Promise.all([connected(console1), connected(polling), connected(shopper)]);
    await established;
    expect(polling.io.engine.transport.name).toBe('polling');

    const created = nextFact<AgentSocket, { conversation: { id: string } }>(console1, 'conversation:created');
    const createdOverPolling = nextFact<AgentSocket, { conversation: { id: string } }>(polling, 'conversation:created');
    const sent = await visitorCommand(shopper, 'message:send', { clientId: 'example-1', body: 'Hola! Teniu la samarreta en blau?' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    expect((await created).conversation.id).toBe(conversationId);
    expect((await createdOverPolling).conversation.id).toBe(conversationId);

    const answer = nextFact<VisitorSocket, { event: { body?: string } }>(shopper, 'message:created');
    const replied = await agentCommand(polling, 'message:send', {
      conversationId,
      clientId: 'example-reply-1',
      body: 'Sí, en blau i en verd.',
    });
    expect(replied.ok).toBe(true);
    expect((await answer).event.body).toBe('Sí, en blau i en verd.');
    // More round trips over long-polling, each a POST and a GET of one session: all must reach node 2.
    for (let i = 0; i < 10; i++) expect((await agentCommand(polling, 'conversation:list', { view: 'mine' })).ok).toBe(true);

    // A deploy stops node 2.
    expect(await landsOn(url, '2')).toBe('2');
    const nodeTwo = Number(readFileSync(join(dir, 'node-2.pid'), 'utf8'));
    const shopperBack = reconnected(shopper);
    const pollingBack = reconnected(polling);
    process.kill(nodeTwo, 'SIGTERM');
    await expect.poll(() => output.some((line) => /node 2 \(.*\) not ready: answers 503$/.test(line)), { timeout: 10_000 }).toBe(true);

    // While it drains, it keeps its WebSockets, and the proxy sends it nobody: neither new clients nor
    // those its cookie named, who go to the next ready node and get a cookie naming it.
    expect(pidAlive(nodeTwo)).toBe(true);
    expect(shopper.connected).toBe(true);
    const landings = [];
    for (let i = 0; i < 6; i++) landings.push(await landsOn(url));
    expect(landings).not.toContain('2');
    expect(await landsOn(url, '2')).toBe('3');

    // Then it closes them: they reconnect through the proxy, to node 3, and node 2 exits.
    await Promise.all([shopperBack, pollingBack]);
    await expect.poll(() => pidAlive(nodeTwo), { timeout: 20_000 }).toBe(false);

    const heard = nextFact<AgentSocket, { event: { body?: string } }>(console1, 'message:created');
    const again = await visitorCommand(shopper, 'message:send', { clientId: 'example-2', body: 'I de la talla M?' });
    expect(again.ok).toBe(true);
    expect((await heard).event.body).toBe('I de la talla M?');
    const secondAnswer = nextFact<VisitorSocket, { event: { body?: string } }>(shopper, 'message:created');
    const repliedAgain = await agentCommand(polling, 'message:send', { conversationId, clientId: 'example-reply-2', body: 'També.' });
    expect(repliedAgain.ok).toBe(true);
    expect((await secondAnswer).event.body).toBe('També.');
  });
});
