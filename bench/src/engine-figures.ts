// The rows `pnpm bench --engine=postgres` adds to the table: one node on
// PostgreSQL beside SQLite and the floor, with the CPU each spent per
// message, and whether every acknowledged message reached its agent once.
// A cluster's rows (`--nodes=N`) are in cluster-figures.ts.
import type { LatencyFigures, ThroughputResult } from './scenarios.ts';
import type { Measured } from './server-under-test.ts';
import { ms, ratio, type Row } from './table.ts';

export interface EngineOptions {
  /** Latency and throughput on one PostgreSQL node too. */
  postgres: boolean;
  /** More than 1: a cluster of that many nodes (PostgreSQL and Redis). */
  nodes: number;
}

/** `--engine=sqlite|postgres` and `--nodes=N`; a cluster implies PostgreSQL, its one-node figures being the comparison. */
export function engineOptions(argv: readonly string[]): EngineOptions {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const engine = value('engine') ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
  const nodes = Number(value('nodes') ?? 1);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 26) throw new Error('--nodes must be a whole number from 1 to 26');
  if (nodes === 2) throw new Error('--nodes=2 leaves one node for all the agents: use 3 or more');
  return { postgres: engine === 'postgres' || nodes > 1, nodes };
}

export type ThroughputFigures = ThroughputResult & Measured;

/** CPU time per message, in microseconds. */
export const perMessage = (cpuMs: number | undefined, messages: number) =>
  cpuMs === undefined || messages === 0 ? '—' : `${Math.round((cpuMs * 1000) / messages)} µs`;
export const sum = (values: Array<number | undefined>) => values.reduce<number>((a, b) => a + (b ?? 0), 0);

/** The CPU row of one figure: SQLite's server, and a PostgreSQL node with PostgreSQL's own; the floor's relay beside. */
function cpuRow(label: string, sqlite: Measured & { n: number }, pg: Measured & { n: number }, floor: Measured & { n: number }): Row {
  const pgTotal = sum([pg.cpuMs.server, pg.cpuMs.postgres]);
  return [
    `  CPU per message ${label}: SQLite / PostgreSQL node + PostgreSQL = total`,
    `${perMessage(sqlite.cpuMs.server, sqlite.n)} / ${perMessage(pg.cpuMs.server, pg.n)} + ${perMessage(pg.cpuMs.postgres, pg.n)} = ${perMessage(pgTotal, pg.n)}`,
    perMessage(floor.cpuMs.server, floor.n),
    '',
    '',
  ];
}

/** Acknowledged messages that did not reach their agent once, or were stored twice: a bug, and the run fails. */
export function deliveryProblems(what: string, measured: Measured): string[] {
  const d = measured.delivery;
  if (!d) return [];
  if (d.lost + d.duplicated + d.misrouted + d.storedTwice === 0) return [];
  return [
    `${what}: of ${d.acked} acknowledged messages, ${d.lost} reached no agent, ${d.duplicated} reached agents more than once, ` +
      `${d.misrouted} deliveries went to an agent not assigned the conversation, ${d.storedTwice} were stored twice.`,
  ];
}

export const deliveryRow = (m: Measured): Row => {
  const d = m.delivery;
  const counts = d ? `${d.acked} / ${d.lost} / ${d.duplicated} / ${d.misrouted} / ${d.storedTwice}` : '—';
  return ['  acked / lost / duplicated / misrouted / stored twice', counts, '', '', 'all 0 but acked'];
};

export function postgresLatencyRows(
  rounds: Array<{ ours: LatencyFigures; floor: LatencyFigures; pg?: LatencyFigures }>,
  pg: LatencyFigures,
  sqlite: LatencyFigures,
  floor: LatencyFigures,
): Row[] {
  const p99s = rounds.map((r) => r.pg?.p99.toFixed(1) ?? '—').join(' / ');
  return [
    ['Latency p50 on PostgreSQL, one node', ms(pg.p50), ms(floor.p50), ratio(pg.p50, floor.p50), ''],
    [
      `Latency p99 on PostgreSQL, one node (median of ${rounds.length})`,
      ms(pg.p99),
      ms(floor.p99),
      ratio(pg.p99, floor.p99),
      'compare SQLite',
    ],
    ['  p99 of each round', p99s, '', '', ''],
    ['  max', ms(pg.max), ms(floor.max), ratio(pg.max, floor.max), ''],
    cpuRow('at that rate', { ...sqlite, n: sqlite.sent }, { ...pg, n: pg.sent }, { ...floor, n: floor.sent }),
    deliveryRow(pg),
  ];
}

export function postgresThroughputRows(pg: ThroughputFigures, sqlite: ThroughputFigures, floor: ThroughputFigures): Row[] {
  return [
    [
      'Durable throughput on PostgreSQL, one node, acked after commit',
      `${Math.round(pg.perSecond)} msg/s`,
      `${Math.round(floor.perSecond)} msg/s`,
      ratio(pg.perSecond, floor.perSecond),
      'compare SQLite',
    ],
    cpuRow('at full load', { ...sqlite, n: sqlite.acked }, { ...pg, n: pg.acked }, { ...floor, n: floor.acked }),
    deliveryRow(pg),
  ];
}
