import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  AGENT_NAMESPACE,
  SOCKET_PATH,
  VISITOR_NAMESPACE,
  type AgentClientEvents,
  type AgentServerEvents,
  type RequestOf,
  type ResponseOf,
  type Result,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from '@mostrador/shared';
import { buildApp, type App } from '../app.ts';
import { loadConfig, type Config, type Limits } from '../config.ts';
import type { LogStream } from '../log-options.ts';
import { createTestDatabase } from './postgres.ts';

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

export const SHOP_ORIGIN = 'https://shop.example';
export const AGENT_PASSWORD = 'correct horse battery';

/** Config for a test: any setting, and any limit on its own (the rest keep their defaults). */
export type TestConfig = Partial<Omit<Config, 'limits'>> & { limits?: Partial<Limits> };

/**
 * `TEST_ENGINE=postgres` runs the app-level tests on PostgreSQL: each test
 * app gets a fresh database of its own (dropped with it), as
 * `DATABASE_URL` would give it. Unset: SQLite, the default.
 */
const TEST_ON_POSTGRES = process.env.TEST_ENGINE === 'postgres';

/** A database for one test app: none to make on SQLite (its file is in `dir`), a fresh one on PostgreSQL. */
async function testDatabase(overrides: TestConfig): Promise<{ url: string | null; drop(): Promise<void> }> {
  if (!TEST_ON_POSTGRES || overrides.databaseUrl !== undefined) return { url: null, drop: async () => undefined };
  const database = await createTestDatabase();
  return { url: database.url, drop: () => database.drop() };
}

export function testConfig(base: Partial<Config>, overrides: TestConfig): Config {
  const defaults = loadConfig({});
  const { limits, ...rest } = overrides;
  // Files beside the test's database, never in the working directory.
  const attachments = { ...defaults.attachments, dir: join(dirname(base.databaseFile ?? defaults.databaseFile), 'attachments') };
  return { ...defaults, logLevel: 'silent', attachments, ...base, ...rest, limits: { ...defaults.limits, ...limits } };
}

export interface TestServer {
  app: App;
  url: string;
  port: number;
  config: Config;
  siteKey: string;
  agentEmail: string;
  /** Stops the server, keeping its database for a restart. */
  stop(): Promise<void>;
  /** Starts a new server process-equivalent on the same port and database. */
  restart(): Promise<void>;
  /** Stops the server and deletes its files. */
  close(): Promise<void>;
}

/** A built app that never listens, on a temporary database; for `app.inject` tests. */
export async function buildTestApp(
  overrides: TestConfig = {},
): Promise<{ app: App; config: Config; dir: string; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-test-'));
  const database = await testDatabase(overrides);
  const config = testConfig({ databaseFile: join(dir, 'test.sqlite'), databaseUrl: database.url }, overrides);
  const app = await buildApp(config);
  return {
    app,
    config,
    dir,
    async cleanup() {
      await app.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A real server on an ephemeral port with a temporary SQLite file, one site
 * whose shop lives at SHOP_ORIGIN, and one agent. Nothing is mocked.
 */
export async function startTestServer(overrides: TestConfig = {}, options: { logStream?: LogStream } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mostrador-test-'));
  const database = await testDatabase(overrides);
  const config = testConfig({ databaseFile: join(dir, 'test.sqlite'), host: '127.0.0.1', port: 0, databaseUrl: database.url }, overrides);
  let app = await buildApp(config, options);
  const site = await app.services.sites.create({ name: 'Test shop', allowedOrigins: [SHOP_ORIGIN] });
  const agentEmail = 'agent@shop.example';
  await app.services.agents.create({
    siteId: site.id,
    email: agentEmail,
    name: 'Marta',
    role: 'agent',
    password: AGENT_PASSWORD,
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const server: TestServer = {
    app,
    url: `http://127.0.0.1:${port}`,
    port,
    config,
    siteKey: site.key,
    agentEmail,
    async stop() {
      await server.app.close();
    },
    async restart() {
      app = await buildApp(config, options);
      await app.listen({ port, host: config.host });
      server.app = app;
    },
    async close() {
      await server.app.close().catch(() => undefined);
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Adds an agent to the test server's site; returns its id. */
export async function addAgent(
  server: TestServer,
  input: { email: string; name: string; capacity?: number; role?: 'admin' | 'agent'; departmentIds?: string[] },
): Promise<string> {
  const site = server.app.services.sites.byKey(server.siteKey)!;
  const created = await server.app.services.agents.create({
    siteId: site.id,
    email: input.email,
    name: input.name,
    role: input.role ?? 'agent',
    password: AGENT_PASSWORD,
    capacity: input.capacity ?? 3,
  });
  if (!created.ok) throw new Error(created.error.message);
  await server.app.services.departments.setMemberships(site.id, created.data.id, input.departmentIds ?? []);
  return created.data.id;
}

/** Logs an agent in and opens its console socket. */
export async function connectAgentAs(server: TestServer, email: string): Promise<AgentSocket> {
  const cookie = await login(server.url, email, AGENT_PASSWORD);
  const socket = connectAgent(server.url, cookie);
  await connected(socket);
  return socket;
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

/** A widget's socket; `cookie` stands for one the browser holds for the chat's origin (a balancer's, say). */
export function connectVisitor(
  url: string,
  auth: { siteKey: string; token?: string },
  origin: string = SHOP_ORIGIN,
  cookie?: string,
): VisitorSocket {
  // Like the widget: every (re)connection presents the latest token the server issued, and shows the server's invitations.
  let token = auth.token;
  const socket: VisitorSocket = io(`${url}${VISITOR_NAMESPACE}`, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { origin, ...(cookie ? { cookie } : {}) },
    auth: (cb) => cb({ siteKey: auth.siteKey, triggers: 'server', ...(token ? { token } : {}) }),
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
  socket.on('session:established', (session) => {
    token = session.token;
  });
  return socket;
}

/** A console's socket; `transports: ['polling']` is the console's fallback where WebSocket is blocked. */
export function connectAgent(
  url: string,
  cookie: string,
  origin: string = url,
  transports: Array<'websocket' | 'polling'> = ['websocket'],
): AgentSocket {
  return io(`${url}${AGENT_NAMESPACE}`, {
    path: SOCKET_PATH,
    transports,
    extraHeaders: { origin, cookie },
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
}

/** Sends a contract command and resolves with its ack. */
export function command<Events, K extends keyof Events & string>(
  socket: { timeout(ms: number): { emit(event: string, ...args: unknown[]): unknown } },
  name: K,
  payload: RequestOf<Events, K> | unknown,
): Promise<Result<ResponseOf<Events, K>>> {
  return new Promise((resolve, reject) => {
    socket
      .timeout(5000)
      .emit(name, payload, (err: Error | null, result: Result<ResponseOf<Events, K>>) => (err ? reject(err) : resolve(result)));
  });
}

export const visitorCommand = <K extends keyof VisitorClientEvents & string>(
  socket: VisitorSocket,
  name: K,
  payload: RequestOf<VisitorClientEvents, K> | unknown,
) => command<VisitorClientEvents, K>(socket as never, name, payload);

export const agentCommand = <K extends keyof AgentClientEvents & string>(
  socket: AgentSocket,
  name: K,
  payload: RequestOf<AgentClientEvents, K> | unknown,
) => command<AgentClientEvents, K>(socket as never, name, payload);

/** Resolves with the next payload of a server fact. */
export function nextFact<S extends { once(event: string, listener: (payload: never) => void): unknown }, T = unknown>(
  socket: S,
  event: string,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, ((payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    }) as (payload: never) => void);
  });
}

/** Resolves when the socket connects, or rejects with the handshake error. */
export function connected(socket: { once(event: string, listener: (arg: never) => void): unknown }): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', (() => resolve()) as (arg: never) => void);
    socket.once('connect_error', ((err: Error) => reject(err)) as (arg: never) => void);
  });
}

/** A widget's first connection (or a reconnect with `token`): its socket, session token and visitor id. */
export async function connectVisitorSession(server: TestServer, token?: string) {
  const socket = connectVisitor(server.url, { siteKey: server.siteKey, ...(token ? { token } : {}) });
  const session = nextFact<VisitorSocket, { token: string; visitorId: string }>(socket, 'session:established');
  await connected(socket);
  return { socket, ...(await session) };
}

/** For `app.inject`: a site with an admin and a plain agent, and each one's session cookie. */
export async function siteWithAdminAndAgent(app: App) {
  const site = await app.services.sites.create({ name: 'Shop', allowedOrigins: ['https://shop.example'] });
  await app.services.agents.create({ siteId: site.id, email: 'admin@shop.example', name: 'Admin', role: 'admin', password: 'admin-pass' });
  await app.services.agents.create({ siteId: site.id, email: 'plain@shop.example', name: 'Plain', role: 'agent', password: 'plain-pass' });
  const sessionOf = async (email: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    return { mostrador_session: res.cookies.find((c) => c.name === 'mostrador_session')!.value };
  };
  return { site, admin: await sessionOf('admin@shop.example', 'admin-pass'), plain: await sessionOf('plain@shop.example', 'plain-pass') };
}

// Real mail servers for end-to-end tests: an SMTP server that keeps what it receives, and the inbound listener main.ts starts.
export { TestSmtp } from './test-smtp.ts';
export { listenForMail, type SmtpListener } from '../modules/inbound-mail/index.ts';
export { productMarkup } from './product-markup.ts';
// Plain SQL against a test app's database, on either engine.
export { sqlOn, json, type TestSql } from './sql.ts';
