// One node of a test cluster in a process of its own, so a test may SIGKILL it:
// the app as main.ts builds it, configured from the environment (DATABASE_URL,
// REDIS_URL, CLUSTER_NAME, NODE_ID), with limits sized for one test machine
// playing many shoppers. With SEED_SITE set it first makes the site and agent.
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { drainAndClose } from '../shutdown.ts';
import { AGENT_PASSWORD, SHOP_ORIGIN } from './harness.ts';

const defaults = loadConfig();
const fast = { burst: 100_000, perSecond: 100_000 };
const app = await buildApp({
  ...defaults,
  host: '127.0.0.1',
  logLevel: 'warn',
  demoShop: false,
  limits: {
    ...defaults.limits,
    loginPerIpPerMinute: 1_000,
    connectionsPerIp: 20_000,
    newVisitorsPerIp: fast,
    visitorMessages: fast,
    agentEvents: fast,
    agentMessages: fast,
  },
});
let seeded: { siteKey: string; agentEmail: string } | null = null;
const seedEmail = process.env.SEED_AGENT_EMAIL;
if (seedEmail) {
  const site = await app.services.sites.create({ name: 'Cluster shop', allowedOrigins: [SHOP_ORIGIN] });
  const agent = await app.services.agents.create({
    siteId: site.id,
    email: seedEmail,
    name: 'Marta',
    role: 'agent',
    password: AGENT_PASSWORD,
    capacity: 50,
  });
  if (!agent.ok) throw new Error(agent.error.message);
  seeded = { siteKey: site.key, agentEmail: seedEmail };
}
await app.listen({ port: defaults.port, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
console.log(`READY ${JSON.stringify({ port, ...seeded })}`);
process.on('SIGTERM', () => void drainAndClose(app, 0).then(() => process.exit(0)));
