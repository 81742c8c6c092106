// A reverse proxy for a Mostrador cluster (README "Cluster"): one address in front of several nodes.
//
//   node scripts/cluster-proxy.mjs --listen 8080 --upstream 127.0.0.1:3001 --upstream 127.0.0.1:3002
//
// --listen [host:]port     where browsers connect (8080); every interface unless a host is given
// --upstream host:port     a node; repeat it for each one, in the same order on every proxy
// --check-interval ms      how often each node's /api/ready is asked (1000)
// --tls-cert, --tls-key    PEM files: serve HTTPS (X-Forwarded-Proto https, the node cookie Secure)
//
// What it does, and why:
// - HTTP is proxied request by request; a WebSocket upgrade is piped both ways for as long as it lives.
// - A node is ready while its /api/ready answers 200. A draining node (SIGTERM) answers 503: it gets no new
//   clients, and the sockets it has stay on it until it closes them; then they reconnect here, to another node.
// - A new client goes to the ready node with the fewest open connections and gets a cookie naming it
//   (mostrador_node=<its place in the --upstream list>). The cookie keeps the client there while the node is
//   ready: the console's long-polling fallback needs every request of a Socket.IO session on one node. When
//   the node is not ready, every request with that cookie goes to the next ready node in the list, the same
//   one for all of them, and the answer names the new node.
// - A connection a node refuses is tried on the next ready node; the refusing one counts as down until its
//   next check says otherwise. A request is sent only once connected, so no request is ever sent twice.
// - X-Forwarded-For is set to the client's address (one the client sent is replaced, never trusted), with
//   X-Forwarded-Proto and X-Forwarded-Host; Host passes unchanged. So run the nodes with TRUST_PROXY=true.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const COOKIE = 'mostrador_node';
// Hop-by-hop headers belong to one connection, never forwarded (RFC 9110, 7.6.1).
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
];

function usage(problem) {
  console.error(`cluster-proxy: ${problem}
usage: node scripts/cluster-proxy.mjs --listen [host:]port --upstream host:port [--upstream host:port …]
                                      [--check-interval ms] [--tls-cert file --tls-key file]`);
  process.exit(2);
}

/** `host:port`, or `port` alone (every interface to listen on, localhost to connect to), checked. */
function address(text) {
  const match = /^(?:(.+):)?(\d{1,5})$/.exec(text);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65_535) usage(`not an address: ${text}`);
  return { host: match[1]?.replace(/^\[(.*)\]$/, '$1'), port };
}

function readOptions() {
  const spec = {
    listen: { type: 'string', default: '8080' },
    upstream: { type: 'string', multiple: true, default: [] },
    'check-interval': { type: 'string', default: '1000' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
  };
  let values;
  try {
    ({ values } = parseArgs({ options: spec }));
  } catch (error) {
    usage(error.message);
  }
  if (values.upstream.length === 0) usage('name at least one --upstream');
  const checkIntervalMs = Number(values['check-interval']);
  if (!Number.isInteger(checkIntervalMs) || checkIntervalMs < 100)
    usage('--check-interval is a whole number of milliseconds, at least 100');
  if (!values['tls-cert'] !== !values['tls-key']) usage('--tls-cert and --tls-key go together');
  const tls = values['tls-cert'] ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) } : null;
  const upstreams = values.upstream.map((text, index) => ({
    ...address(text),
    name: String(index + 1),
    text,
    state: null,
    open: 0,
  }));
  return { listen: address(values.listen), upstreams, checkIntervalMs, tls };
}

const options = readOptions();
const { upstreams } = options;
const protocol = options.tls ? 'https' : 'http';
let cursor = 0;

/** Notes a node's state ('ready', or why not; null until the first check), and prints each change. */
function setReady(upstream, ready, why) {
  const state = ready ? 'ready' : `not ready: ${why}`;
  if (upstream.state !== state) console.log(`cluster-proxy: node ${upstream.name} (${upstream.text}) ${state}`);
  upstream.state = state;
}

/** One /api/ready question: 200 is ready; another answer, or none within the interval, is not. */
function check(upstream) {
  return new Promise((resolve) => {
    const request = http.get({
      host: upstream.host,
      port: upstream.port,
      path: '/api/ready',
      agent: false,
      timeout: options.checkIntervalMs,
    });
    request.on('response', (response) => {
      response.resume();
      setReady(upstream, response.statusCode === 200, `answers ${response.statusCode}`);
      resolve();
    });
    request.on('timeout', () => request.destroy(new Error('no answer in time')));
    request.on('error', (error) => {
      setReady(upstream, false, error.code ?? error.message);
      resolve();
    });
  });
}

async function watch() {
  for (;;) {
    await Promise.all(upstreams.map(check));
    await sleep(options.checkIntervalMs);
  }
}

/** The node the request's cookie names, if any. */
function stickyOf(request) {
  const match = new RegExp(`(?:^|;)\\s*${COOKIE}=(\\d+)`).exec(request.headers.cookie ?? '');
  const index = match ? Number(match[1]) - 1 : -1;
  return index >= 0 && index < upstreams.length ? index : null;
}

/**
 * Where a request goes, of the ready nodes not yet `tried`: its cookie's node, or the next after it in the list;
 * without a cookie, the one with the fewest open connections (ties in turn, so short requests spread too).
 */
function choose(sticky, tried) {
  const usable = (upstream) => upstream.state === 'ready' && !tried.has(upstream);
  if (sticky !== null) {
    for (let step = 0; step < upstreams.length; step++) {
      const upstream = upstreams[(sticky + step) % upstreams.length];
      if (usable(upstream)) return upstream;
    }
    return null;
  }
  let best = null;
  for (let step = 0; step < upstreams.length; step++) {
    const upstream = upstreams[(cursor + step) % upstreams.length];
    if (usable(upstream) && (best === null || upstream.open < best.open)) best = upstream;
  }
  cursor = (cursor + 1) % upstreams.length;
  return best;
}

/** A copy of `headers` without the hop-by-hop ones (but `keep`), nor those their Connection names. */
function endToEnd(headers, keep = []) {
  const copy = { ...headers };
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  for (const name of [...HOP_BY_HOP, ...named]) if (!keep.includes(name)) delete copy[name];
  return copy;
}

/** The request's headers for a node: end-to-end ones (and `keep`), the forwarded ones ours. */
function forwardedHeaders(request, keep = []) {
  const headers = endToEnd(request.headers, keep);
  headers['x-forwarded-for'] = request.socket.remoteAddress ?? '';
  headers['x-forwarded-proto'] = protocol;
  if (headers.host) headers['x-forwarded-host'] = headers.host;
  else delete headers['x-forwarded-host'];
  return headers;
}

function cookieFor(upstream) {
  return `${COOKIE}=${upstream.name}; Path=/; HttpOnly; SameSite=Lax${options.tls ? '; Secure' : ''}`;
}

function refuse(response, status, text) {
  if (response.headersSent) return response.destroy();
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
  response.end(`${text}\n`);
}

/**
 * Calls `send(upstream, attempt)` with the node for `request`, counted as one more open connection until
 * `attempt.release()`; `attempt.refused(error)` (the node refused the connection) marks it down and sends
 * to the next ready node. `none()` when no ready node is left.
 */
function toReadyNode(request, send, none) {
  const sticky = stickyOf(request);
  const tried = new Set();
  const next = () => {
    const upstream = choose(sticky, tried);
    if (!upstream) return none();
    tried.add(upstream);
    upstream.open++;
    let released = false;
    const release = () => {
      if (!released) upstream.open--;
      released = true;
    };
    const refused = (error) => {
      release();
      setReady(upstream, false, error.code ?? error.message);
      next();
    };
    send(upstream, { moved: sticky !== upstreams.indexOf(upstream), release, refused });
  };
  next();
}

/** Sends an HTTP request to a node and its answer back, with a cookie naming the node when it is new to the client. */
function proxyRequest(request, response) {
  let outgoing = null;
  request.on('error', () => response.destroy());
  response.on('close', () => outgoing?.destroy());
  const send = (upstream, { moved, release, refused }) => {
    let connected = false;
    outgoing = http.request({
      host: upstream.host,
      port: upstream.port,
      method: request.method,
      path: request.url,
      headers: forwardedHeaders(request),
      // A connection of its own: a kept-alive one the node has just closed would fail a request already sent.
      agent: false,
    });
    // The body is read only once connected, so a refused connection leaves it whole for the next node.
    outgoing.on('socket', (socket) =>
      socket.once('connect', () => {
        connected = true;
        request.pipe(outgoing);
      }),
    );
    outgoing.on('response', (answer) => {
      const headers = endToEnd(answer.headers);
      if (moved) headers['set-cookie'] = [...(answer.headers['set-cookie'] ?? []), cookieFor(upstream)];
      response.writeHead(answer.statusCode ?? 502, headers);
      answer.on('error', () => response.destroy());
      answer.pipe(response);
    });
    outgoing.on('error', (error) => (connected ? refuse(response, 502, 'The Mostrador node did not answer') : refused(error)));
    outgoing.on('close', release);
  };
  toReadyNode(request, send, () => refuse(response, 503, 'No Mostrador node is ready'));
}

/** Pipes a WebSocket upgrade to a node: the request's head rewritten as for HTTP, then bytes both ways. */
function proxyUpgrade(request, client, head) {
  let socket = null;
  client.on('error', () => client.destroy());
  client.on('close', () => socket?.destroy());
  const send = (upstream, { release, refused }) => {
    let connected = false;
    socket = net.connect(upstream.port, upstream.host);
    socket.once('connect', () => {
      connected = true;
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (const [name, value] of Object.entries(forwardedHeaders(request, ['connection', 'upgrade']))) {
        for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
      }
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      socket.write(head);
      socket.pipe(client).pipe(socket);
    });
    socket.on('error', (error) => (connected ? client.destroy() : refused(error)));
    socket.on('close', () => {
      release();
      if (connected) client.destroy();
    });
  };
  toReadyNode(request, send, () => client.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'));
}

const server = options.tls ? https.createServer(options.tls, proxyRequest) : http.createServer(proxyRequest);
server.on('upgrade', proxyUpgrade);
server.listen(options.listen.port, options.listen.host, () => {
  const { port } = server.address();
  console.log(`cluster-proxy: listening on ${protocol}://${options.listen.host ?? 'localhost'}:${port}, ${upstreams.length} nodes`);
});
void watch();
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
