// `pnpm bench`: every figure of ours beside its floor, measured in the same
// run on the same machine, printed as a table and written to bench/results/.
// `pnpm bench --quick` is the smoke run CI does: small loads, no timing checks.
// `--engine=postgres` adds latency and throughput on one PostgreSQL node;
// `--nodes=3` adds a cluster on PostgreSQL and Redis (cluster-figures.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterSection, type Comparison } from './cluster-figures.ts';
import { measureConsole } from './console-scale.ts';
import { deliveryProblems, engineOptions, postgresLatencyRows, postgresThroughputRows } from './engine-figures.ts';
import { BENCH_ORIGIN, BENCH_PASSWORD } from './protocol.ts';
import { idle, latency, storm, throughput } from './scenarios.ts';
import { withServer } from './server-under-test.ts';
import { reportsScale } from './reports-scale.ts';
import { searchScale } from './search-scale.ts';
import { kb } from './sizes.ts';
import { ms, printTable, ratio, type Row } from './table.ts';
import { widgetFigures } from './widget-figures.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const engines = engineOptions(process.argv);
const wants = (part: string) => {
  const yes = !only || only.includes(part);
  if (yes) console.error(`bench: ${part}…`);
  return yes;
};

type LatencyRun = Awaited<ReturnType<typeof latency>>;
/** What a cluster's figures are compared with: the same figures on one PostgreSQL node, and the floor's, in this run. */
const onePostgresNode: Comparison = {};
const floorOf: Comparison = {};

/** The run whose figure is the median (the lower middle of an even count). */
function medianBy<T>(runs: T[], figure: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => figure(a) - figure(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const load = quick
  ? {
      latencyRounds: 1,
      latency: { visitors: 100, agents: 5, rate: 200, seconds: 3 },
      uploads: { files: 10, megabytes: 5 },
      throughput: { visitors: 50, agents: 5, window: 5, seconds: 3 },
      idle: { visitors: 500, seconds: 3 },
      storm: { visitors: 100, agents: 5, rate: 100 },
      search: { messages: 20_000, repeats: 5 },
      reports: { conversations: 2_000, messagesPerConversation: 20, visitors: 6_000, runs: 3 },
    }
  : {
      latencyRounds: 3,
      latency: { visitors: 2000, agents: 50, rate: 2000, seconds: 10 },
      uploads: { files: 50, megabytes: 5 },
      throughput: { visitors: 500, agents: 50, window: 10, seconds: 10 },
      idle: { visitors: 10_000, seconds: 20 },
      storm: { visitors: 5000, agents: 50, rate: 1000 },
      search: { messages: 1_000_000, repeats: 20 },
      reports: { conversations: 100_000, messagesPerConversation: 20, visitors: 300_000, runs: 10 },
    };

const results: Record<string, unknown> = {
  when: new Date().toISOString(),
  quick,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  load,
};
const rows: Row[] = [];
const problems: string[] = [];

if (wants('widget')) {
  const widget = await widgetFigures(root);
  results.widget = widget.results;
  rows.push(...widget.rows);
  problems.push(...widget.problems);
}

if (wants('latency')) {
  // A p99 on a shared 2-core machine moves from run to run with GC and the
  // scheduler: rounds alternate ours and the floor, and the median round counts.
  const rounds: Array<{ ours: LatencyRun; floor: LatencyRun; pg?: LatencyRun }> = [];
  for (let i = 0; i < load.latencyRounds; i += 1) {
    rounds.push({ ours: await latency('mostrador', load.latency), floor: await latency('floor', load.latency) });
    if (engines.postgres) rounds[i]!.pg = await latency('mostrador', load.latency, 'postgres');
  }
  const ours = medianBy(
    rounds.map((r) => r.ours),
    (r) => r.p99,
  );
  const floor = medianBy(
    rounds.map((r) => r.floor),
    (r) => r.p99,
  );
  results.latency = { ours, floor, rounds };
  const l = load.latency;
  const perRound = (pick: (r: (typeof rounds)[number]) => LatencyRun) => rounds.map((r) => pick(r).p99.toFixed(1)).join(' / ');
  rows.push([`Latency p50 (${l.visitors} visitors, ${l.rate} msg/s)`, ms(ours.p50), ms(floor.p50), ratio(ours.p50, floor.p50), '']);
  rows.push([
    `Latency p99, durable write included (median of ${rounds.length})`,
    ms(ours.p99),
    ms(floor.p99),
    ratio(ours.p99, floor.p99),
    '≤ 10 ms, ≤ 3× floor',
  ]);
  rows.push(['  p99 of each round', perRound((r) => r.ours), perRound((r) => r.floor), '', '']);
  rows.push(['Latency max', ms(ours.max), ms(floor.max), ratio(ours.max, floor.max), '']);
  if (ours.received < ours.sent)
    rows.push(['  messages not delivered in time', String(ours.sent - ours.received), String(floor.sent - floor.received), '', '']);
  floorOf.latency = floor;
  if (engines.postgres) {
    const pg = medianBy(
      rounds.map((r) => r.pg!),
      (r) => r.p99,
    );
    onePostgresNode.latency = pg;
    results.latency = { ours, floor, pg, rounds };
    rows.push(...postgresLatencyRows(rounds, pg, ours, floor));
    problems.push(...deliveryProblems('Latency on one PostgreSQL node', pg));
  }
}

if (wants('uploads')) {
  // The latency load while shoppers upload files at once, from a process of their
  // own: the messages sent during the burst keep their p99. The floor takes the
  // same burst into a sink, so both pay for the bytes crossing the machine.
  // Invoices are stored as they are; photos are stripped of their metadata first.
  const { files, megabytes } = load.uploads;
  results.uploads = {};
  for (const kind of ['pdf', 'photo'] as const) {
    const uploads = { ...load.uploads, kind };
    const loaded = await latency('mostrador', { ...load.latency, uploads });
    const floorLoaded = await latency('floor', { ...load.latency, uploads });
    const burst = loaded.uploads!;
    const floorBurst = floorLoaded.uploads!;
    (results.uploads as Record<string, unknown>)[kind] = { ours: loaded, floor: floorLoaded };
    rows.push([
      `Latency p99 while ${files} shoppers upload ${kind === 'photo' ? 'a photo' : 'a PDF'} of ${megabytes} MB each at once`,
      ms(burst.p99),
      ms(floorBurst.p99),
      ratio(burst.p99, floorBurst.p99),
      '≤ 3× floor',
    ]);
    rows.push([
      '  messages sent during the burst, its length',
      `${burst.messages} in ${burst.seconds.toFixed(1)} s`,
      `${floorBurst.messages} in ${floorBurst.seconds.toFixed(1)} s`,
      '',
      '',
    ]);
    if (burst.stored !== files) problems.push(`Of ${files} ${kind} uploads in the burst, ${burst.failed} were not stored.`);
  }
}

if (wants('throughput')) {
  const ours = await throughput('mostrador', load.throughput);
  const floor = await throughput('floor', load.throughput);
  const pg = engines.postgres ? await throughput('mostrador', load.throughput, 'postgres') : undefined;
  results.throughput = { ours, floor, ...(pg && { pg }) };
  floorOf.throughput = floor;
  onePostgresNode.throughput = pg;
  rows.push([
    'Durable throughput, acked after commit',
    `${Math.round(ours.perSecond)} msg/s`,
    `${Math.round(floor.perSecond)} msg/s`,
    ratio(ours.perSecond, floor.perSecond),
    '≥ 10,000 msg/s',
  ]);
  if (pg) {
    rows.push(...postgresThroughputRows(pg, ours, floor));
    problems.push(...deliveryProblems('Throughput on one PostgreSQL node', pg));
  }
}

if (engines.nodes > 1 && wants('cluster')) {
  const cluster = await clusterSection(engines.nodes, load, onePostgresNode, floorOf);
  results.cluster = cluster.results;
  rows.push(...cluster.rows);
  problems.push(...cluster.problems);
}

if (wants('idle')) {
  const ours = await idle('mostrador', load.idle);
  const floor = await idle('floor', load.idle);
  results.idle = { ours, floor };
  rows.push([
    `Idle visitor, RSS (${ours.visitors} connected)`,
    kb(ours.rssPerVisitor),
    kb(floor.rssPerVisitor),
    ratio(ours.rssPerVisitor, floor.rssPerVisitor),
    '≤ 25 KB',
  ]);
  rows.push([
    'Idle visitor, heap',
    kb(ours.heapPerVisitor),
    kb(floor.heapPerVisitor),
    ratio(ours.heapPerVisitor, floor.heapPerVisitor),
    '',
  ]);
  rows.push(['Server CPU at that idle load', `${ours.cpuPercent.toFixed(1)} %`, `${floor.cpuPercent.toFixed(1)} %`, '', 'far from a core']);
}

if (wants('storm')) {
  const ours = await storm(load.storm);
  results.storm = ours;
  rows.push([`Reconnect storm: ${ours.clients} clients back and resynced`, ms(ours.resyncedMs), 'n/a', '', '']);
  rows.push([
    '  messages acked / lost / duplicated',
    `${ours.acked} / ${ours.lost} / ${ours.duplicated}`,
    'n/a',
    '',
    'lost = duplicated = 0',
  ]);
  if (ours.lost > 0 || ours.duplicated > 0 || ours.unacked > 0) {
    problems.push(
      `Reconnect storm: ${ours.lost} lost (${ours.lostButStored} of them stored, so never shown; ${ours.syncFailures} resync pages not answered), ` +
        `${ours.duplicated} duplicated, ${ours.unacked} never acked. That is a bug.`,
    );
  }
}

if (wants('console')) {
  const ours = await withServer('mostrador', { BENCH_AGENTS: '0' }, (server, url) =>
    measureConsole({
      url,
      siteKey: server.ready.siteKey,
      adminEmail: server.ready.admin,
      password: BENCH_PASSWORD,
      visitorOrigin: BENCH_ORIGIN,
      quick,
    }),
  );
  results.console = ours;
  rows.push([`Console: inbox of ${ours.conversations} open conversations, first render`, ms(ours.inboxFirstRenderMs), 'n/a', '', '']);
  rows.push([`Console: open a conversation of ${ours.longConversationMessages} messages`, ms(ours.openLongConversationMs), 'n/a', '', '']);
  rows.push([
    'Console: frame time, 10 chats at 5 msg/s (p50 / p99 / max)',
    `${ms(ours.frame.p50)} / ${ms(ours.frame.p99)} / ${ms(ours.frame.max)}`,
    'n/a',
    '',
    '',
  ]);
}

if (wants('reports')) {
  const ours = await reportsScale(load.reports);
  results.reports = ours;
  const scale = `${ours.conversations.toLocaleString('en')} conversations, ${ours.messages.toLocaleString('en')} messages`;
  rows.push([`Reports: first 90-day summary, facts recounted and stored (${scale})`, `${ours.recountSeconds.toFixed(1)} s`, '', '', '']);
  for (const variant of ours.variants) {
    rows.push([`Reports summary, ${variant.name}: p50 / p95`, `${ms(variant.p50)} / ${ms(variant.p95)}`, '', '', '< 500 ms']);
    if (!quick && variant.p95 >= 500) problems.push(`Reports summary (${variant.name}) p95 ${variant.p95} ms, over 500 ms`);
  }
}

if (wants('search')) {
  const ours = await searchScale(load.search);
  results.search = ours;
  rows.push([
    `Search over ${ours.messages.toLocaleString('en')} messages (${ours.conversations.toLocaleString('en')} chats), HTTP, p50 / p95`,
    '',
    'bare FTS5 MATCH',
    '',
    '≤ 100 ms',
  ]);
  for (const q of ours.queries) {
    rows.push([
      `  ${q.name}: "${q.query}" (${q.hits} hits on the first page)`,
      `${ms(q.ours.p50)} / ${ms(q.ours.p95)}`,
      `${ms(q.floor.p50)} / ${ms(q.floor.p95)}`,
      ratio(q.ours.p95, q.floor.p95),
      '',
    ]);
  }
  rows.push(['  filling the history (not a goal)', `${ours.fillSeconds.toFixed(0)} s`, '', '', '']);
  rows.push([
    `Start-up on that database, process launched to first answered request`,
    `${ours.startSeconds.toFixed(2)} s`,
    '',
    '',
    '≤ 2 s',
  ]);
}

printTable(['Figure', 'Mostrador', 'Floor', 'Ratio', 'Goal'], rows);
const outDir = join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `bench-${quick ? 'quick' : 'full'}.json`), `${JSON.stringify(results, null, 2)}\n`);
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
