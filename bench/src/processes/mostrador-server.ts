// The real server, as `pnpm start` runs it, on a bench database. On its first
// start it creates a site and BENCH_AGENTS agents; a restart reuses them, and
// so do a cluster's other nodes (started once the first is ready).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { buildApp, loadConfig } from '@mostrador/server';
import { BENCH_ORIGIN, BENCH_PASSWORD, type ServerReady } from '../protocol.ts';

const databaseFile = process.env.BENCH_DB!;
const seedFile = `${databaseFile}.seed.json`;
// SQLite in BENCH_DB unless the bench names a PostgreSQL database (and, for a cluster, Redis and this node's name);
// given the server's own variables, so they are checked as `pnpm start` checks them. Unset: exactly as before.
const cluster = {
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  REDIS_URL: process.env.BENCH_REDIS_URL,
  NODE_ID: process.env.BENCH_NODE_ID,
};
const defaults = loadConfig(Object.fromEntries(Object.entries(cluster).filter(([, value]) => value !== undefined)));
const config = {
  ...defaults,
  databaseFile,
  host: '127.0.0.1',
  port: Number(process.env.BENCH_PORT ?? 0),
  logLevel: 'warn' as const,
  demoShop: false,
  offlineGraceMs: 60_000,
  // The limits stay on (their cost is measured), sized for one load generator on 127.0.0.1 playing
  // 10,000 shoppers and 50 agents: every socket, session and login of the bench comes from one address,
  // and the throughput run has each visitor send as fast as its acks come back.
  limits: {
    ...defaults.limits,
    loginPerIpPerMinute: 1_000,
    connectionsPerIp: 20_000,
    newVisitorsPerIp: { burst: 20_000, perSecond: 2_000 },
    visitorMessages: { burst: 1_000, perSecond: 1_000 },
    // The storm's observer resyncs all 5,000 conversations from one console socket, as no real console does.
    agentEvents: { burst: 100_000, perSecond: 100_000 },
    // The uploads' burst sends 50 files of 5 MB from this one address.
    visitorUploadMbPerIp: { burst: 100_000, perSecond: 100_000 },
  },
};
const app = await buildApp(config);

let seed: Omit<ServerReady, 'port' | 'pid'>;
if (existsSync(seedFile)) {
  seed = JSON.parse(readFileSync(seedFile, 'utf8')) as typeof seed;
} else {
  const site = await app.services.sites.create({ name: 'Bench shop', allowedOrigins: [BENCH_ORIGIN] });
  // The starting rules switched on, as the demo shop has them: every tab is then evaluated on the server.
  for (const rule of app.services.triggers.list(site.id)) await app.services.triggers.update(site.id, rule.id, { enabled: true });
  const agents: string[] = [];
  for (let i = 0; i < Number(process.env.BENCH_AGENTS ?? 50); i += 1) {
    const email = `agent${i}@bench.example`;
    await app.services.agents.create({
      siteId: site.id,
      email,
      name: `Agent ${i}`,
      role: 'agent',
      password: BENCH_PASSWORD,
      capacity: Number(process.env.BENCH_CAPACITY ?? 50),
    });
    agents.push(email);
  }
  const admin = 'admin@bench.example';
  await app.services.agents.create({
    siteId: site.id,
    email: admin,
    name: 'Bench admin',
    role: 'admin',
    password: BENCH_PASSWORD,
    capacity: 50,
  });
  seed = { siteKey: site.key, agents, admin };
  writeFileSync(seedFile, JSON.stringify(seed));
}

await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const ready: ServerReady = { ...seed, port: typeof address === 'object' && address ? address.port : 0, pid: process.pid };
// Handlers first: the bench may signal as soon as it reads READY.
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  console.log(`METRICS ${JSON.stringify(process.memoryUsage())}`);
});
console.log(`READY ${JSON.stringify(ready)}`);
