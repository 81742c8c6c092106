import { io, type Socket } from 'socket.io-client';
import { BENCH_ORIGIN, BENCH_PASSWORD } from './protocol.ts';

export type Mode = 'mostrador' | 'floor';
export type Ack = { ok: boolean; data?: { event?: { seq: number; conversationId: string } }; error?: { message: string } };

import type { ManagerOptions, SocketOptions } from 'socket.io-client';

const common: Partial<ManagerOptions & SocketOptions> = {
  path: '/socket.io',
  transports: ['websocket'],
  forceNew: true,
  reconnectionDelay: 200,
  reconnectionDelayMax: 2000,
  randomizationFactor: 0.5,
  timeout: 20_000,
};

/** A visitor as the widget connects: latest token on every reconnect. */
export function visitorSocket(mode: Mode, url: string, siteKey: string, n: number): Socket & { token?: string } {
  let token: string | undefined;
  const socket = io(`${url}/visitor`, {
    ...common,
    extraHeaders: { origin: BENCH_ORIGIN },
    auth: (cb) => cb(mode === 'floor' ? { n } : { siteKey, triggers: 'server', ...(token ? { token } : {}) }),
  }) as Socket & { token?: string };
  socket.on('session:established', (s: { token: string }) => {
    token = s.token;
    // For the widget's HTTP routes (uploads), which take it as a bearer token.
    socket.token = s.token;
  });
  return socket;
}

export async function agentSocket(mode: Mode, url: string, email: string, index: number): Promise<Socket> {
  if (mode === 'floor') return io(`${url}/agent`, { ...common, auth: { index } });
  const cookie = await login(url, email);
  return io(`${url}/agent`, { ...common, extraHeaders: { origin: url, cookie } });
}

/** Signs a bench agent in; the session cookie. */
export async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`login failed for ${email}`);
  return cookie;
}

/** A visitor is ready once the server has told it its session (the floor has none: once connected). */
export function visitorReady(socket: Socket, mode: Mode): Promise<void> {
  return new Promise((resolve, reject) => {
    if (mode === 'mostrador') socket.once('session:established', () => resolve());
    else if (socket.connected) resolve();
    else socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

export function connectedOnce(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

export function send(socket: Socket, clientId: string, body: string): Promise<Ack> {
  return new Promise((resolve) => {
    socket
      .timeout(30_000)
      .emit('message:send', { clientId, body }, (err: Error | null, ack: Ack) =>
        resolve(err ? { ok: false, error: { message: err.message } } : ack),
      );
  });
}

/** Connects in batches, so the bench measures the server and not a SYN flood. */
export async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)))));
  }
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Connects `count` visitors and has each open its conversation, so routing has
 * placed them all before anything is measured; with each visitor's
 * conversation id (undefined where the first message was refused).
 */
export async function visitorsInConversation(mode: Mode, url: string, siteKey: string, count: number) {
  const visitors = await inBatches(count, 100, async (i) => {
    const socket = visitorSocket(mode, url, siteKey, i);
    await visitorReady(socket, mode);
    return socket;
  });
  const acks = await inBatches(count, 200, (i) => send(visitors[i]!, `open-${i}-${process.pid}`, 'hola'));
  return { visitors, conversationIds: acks.map((ack) => ack.data?.event?.conversationId) };
}
