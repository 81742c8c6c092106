import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * scripts/cluster-proxy.mjs as the README runs it, in front of small fake
 * nodes that say who they are: which node each request reaches, with which
 * headers, and what happens when a node stops being ready or refuses.
 */
const PROXY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'cluster-proxy.mjs');

interface FakeNode {
  name: string;
  port: number;
  address: string;
  /** What /api/ready answers. */
  readyStatus: number;
  /** Answers the requests to /hold it is holding. */
  held: Array<() => void>;
  close(): Promise<void>;
}

interface Seen {
  node: string;
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A node that answers /api/ready with `readyStatus`, any other request with what it saw, and an upgrade by echoing. */
async function fakeNode(name: string): Promise<FakeNode> {
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    if (request.url === '/api/ready') {
      response.writeHead(node.readyStatus).end();
      return;
    }
    if (request.url === '/hold') {
      // A long-poll: answered only when the test lets it go.
      node.held.push(() => response.writeHead(204).end());
      return;
    }
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const seen: Seen = { node: name, method: request.method ?? '', headers: request.headers, body };
      response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'app_session=abc; Path=/' }).end(JSON.stringify(seen));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (request, socket) => {
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n${name} ${request.headers['x-forwarded-for']}\n`,
    );
    socket.pipe(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const node: FakeNode = {
    name,
    port,
    address: `127.0.0.1:${port}`,
    readyStatus: 200,
    held: [],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  cleanups.push(() => node.close());
  return node;
}

interface Proxy {
  url: string;
  port: number;
  /** Every line the proxy printed. */
  lines: string[];
}

async function startProxy(nodes: FakeNode[], extra: string[] = []): Promise<Proxy> {
  const args = [PROXY, '--listen', '127.0.0.1:0', ...nodes.flatMap((n) => ['--upstream', n.address]), '--check-interval', '100', ...extra];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  await expect.poll(() => lines.find((line) => line.includes('listening on')), { timeout: 10_000 }).toBeDefined();
  const url = /listening on (\S+),/.exec(lines.find((line) => line.includes('listening on'))!)![1]!;
  await expect.poll(() => lines.filter((line) => line.endsWith(' ready')).length).toBe(nodes.filter((n) => n.readyStatus === 200).length);
  return { url, port: Number(new URL(url).port), lines };
}

interface Answer {
  status: number;
  seen: Seen | null;
  cookies: string[];
}

/** One request through the proxy, with Node's own client (fetch would not let a test set Host). */
function request(
  proxy: Proxy,
  options: { headers?: Record<string, string>; method?: string; body?: string; path?: string } = {},
): Promise<Answer> {
  const client = proxy.url.startsWith('https') ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      `${proxy.url}${options.path ?? '/who'}`,
      { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false, rejectUnauthorized: false },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            seen: response.statusCode === 200 ? (JSON.parse(text) as Seen) : null,
            cookies: response.headers['set-cookie'] ?? [],
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const nodeCookie = (answer: Answer) => answer.cookies.find((c) => c.startsWith('mostrador_node='));

describe('the cluster proxy', () => {
  it('spreads new clients over the ready nodes and keeps each on the node its cookie names', async () => {
    const nodes = [await fakeNode('one'), await fakeNode('two'), await fakeNode('three')];
    const proxy = await startProxy(nodes);

    const fresh = await Promise.all(Array.from({ length: 6 }, () => request(proxy)));
    expect(new Set(fresh.map((a) => a.seen?.node))).toEqual(new Set(['one', 'two', 'three']));
    for (const answer of fresh) {
      const index = nodes.findIndex((n) => n.name === answer.seen?.node);
      expect(nodeCookie(answer)).toBe(`mostrador_node=${index + 1}; Path=/; HttpOnly; SameSite=Lax`);
      // The node's own cookies pass through beside it.
      expect(answer.cookies).toContain('app_session=abc; Path=/');
    }

    const stuck = await Promise.all(Array.from({ length: 6 }, () => request(proxy, { headers: { cookie: 'a=1; mostrador_node=2' } })));
    expect(stuck.map((a) => a.seen?.node)).toEqual(Array(6).fill('two'));
    expect(stuck.map(nodeCookie)).toEqual(Array(6).fill(undefined));
  });

  it('sends new clients to the node with the fewest open connections, a long-poll counting while it lasts', async () => {
    const nodes = [await fakeNode('one'), await fakeNode('two')];
    const proxy = await startProxy(nodes);
    const held = request(proxy, { path: '/hold', headers: { cookie: 'mostrador_node=1' } });
    await expect.poll(() => nodes[0]!.held.length).toBe(1);

    const whileHeld = [];
    for (let i = 0; i < 4; i++) whileHeld.push((await request(proxy)).seen?.node);
    expect(whileHeld).toEqual(Array(4).fill('two'));

    nodes[0]!.held.shift()!();
    expect((await held).status).toBe(204);
    // Answered, it counts no more: node one takes new clients again.
    await expect.poll(async () => (await request(proxy)).seen?.node).toBe('one');
  });

  it('tells the node who the client is, replacing what the client claimed, and passes Host as it came', async () => {
    const proxy = await startProxy([await fakeNode('one')]);
    const { seen } = await request(proxy, {
      headers: {
        host: 'chat.shop.example',
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.example',
      },
    });
    expect(seen?.headers).toMatchObject({
      host: 'chat.shop.example',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'chat.shop.example',
    });
  });

  it('sends no new client to a node that is not ready, and moves the clients of its cookie to the next ready node', async () => {
    const nodes = [await fakeNode('one'), await fakeNode('two'), await fakeNode('three')];
    const proxy = await startProxy(nodes);
    nodes[1]!.readyStatus = 503;
    await expect.poll(() => proxy.lines).toContain(`cluster-proxy: node 2 (${nodes[1]!.address}) not ready: answers 503`);

    const fresh = await Promise.all(Array.from({ length: 6 }, () => request(proxy)));
    expect(fresh.map((a) => a.seen?.node)).not.toContain('two');
    const moved = await Promise.all(Array.from({ length: 4 }, () => request(proxy, { headers: { cookie: 'mostrador_node=2' } })));
    expect(moved.map((a) => [a.seen?.node, nodeCookie(a)?.split(';')[0]])).toEqual(Array(4).fill(['three', 'mostrador_node=3']));

    nodes[1]!.readyStatus = 200;
    await expect.poll(async () => (await request(proxy, { headers: { cookie: 'mostrador_node=2' } })).seen?.node).toBe('two');
  });

  it('tries the next node when one refuses the connection, with the whole request body', async () => {
    const nodes = [await fakeNode('one'), await fakeNode('two')];
    // Checks far apart: only the refused connection can tell the proxy that node one is gone.
    const proxy = await startProxy(nodes, ['--check-interval', '60000']);
    await nodes[0]!.close();

    const answer = await request(proxy, { method: 'POST', headers: { cookie: 'mostrador_node=1' }, body: 'hola '.repeat(20_000) });
    expect(answer.seen).toMatchObject({ node: 'two', method: 'POST', body: 'hola '.repeat(20_000) });
    expect(nodeCookie(answer)).toMatch(/^mostrador_node=2;/);
    expect(proxy.lines).toContain(`cluster-proxy: node 1 (${nodes[0]!.address}) not ready: ECONNREFUSED`);
  });

  it('answers 503 while no node is ready', async () => {
    const node = await fakeNode('one');
    node.readyStatus = 503;
    const proxy = await startProxy([node]);
    await expect.poll(() => proxy.lines.some((line) => line.includes('not ready: answers 503'))).toBe(true);
    expect((await request(proxy)).status).toBe(503);
  });

  it('pipes an upgraded connection both ways, to the node of its cookie', async () => {
    const nodes = [await fakeNode('one'), await fakeNode('two')];
    const proxy = await startProxy(nodes);
    const upgrade = http.request(`${proxy.url}/socket.io/`, {
      headers: { connection: 'Upgrade', upgrade: 'echo', cookie: 'mostrador_node=2', 'x-forwarded-for': '203.0.113.9' },
      agent: false,
    });
    upgrade.end();
    const [response, socket, head] = (await once(upgrade, 'upgrade')) as [http.IncomingMessage, Socket, Buffer];
    expect(response.statusCode).toBe(101);
    socket.setEncoding('utf8');
    let heard = head.toString('utf8');
    socket.on('data', (chunk: string) => (heard += chunk));
    socket.write('ping\n');
    await expect.poll(() => heard).toBe('two 127.0.0.1\nping\n');
    socket.destroy();
  });

  it('serves HTTPS with the files it is given, and says so to the nodes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-proxy-tls-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
    ]);
    expect(made.status).toBe(0);
    const proxy = await startProxy([await fakeNode('one')], ['--tls-cert', cert, '--tls-key', key]);

    expect(proxy.url).toMatch(/^https:/);
    const answer = await request(proxy);
    expect(answer.seen?.headers['x-forwarded-proto']).toBe('https');
    expect(nodeCookie(answer)).toBe('mostrador_node=1; Path=/; HttpOnly; SameSite=Lax; Secure');
  });
});
