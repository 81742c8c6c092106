// The rows `pnpm bench --nodes=N` adds to the table: the latency and
// throughput loads across a cluster (shoppers on node A, agents on the
// others), beside one PostgreSQL node and the floor of the same run, with
// what each node, PostgreSQL and Redis spent per message.
import { clusterLatency, clusterThroughput, nodeName } from './cluster.ts';
import { deliveryProblems, deliveryRow, perMessage, sum, type ThroughputFigures } from './engine-figures.ts';
import { latency, type LatencyFigures, type LatencyParams, type ThroughputParams } from './scenarios.ts';
import type { Measured } from './server-under-test.ts';
import { ms, ratio, type Row } from './table.ts';

/** What a cluster's figures are compared with, from the same run. */
export interface Comparison {
  latency?: LatencyFigures;
  throughput?: ThroughputFigures;
}

interface ClusterFigures {
  nodes: number;
  latency: LatencyFigures;
  /** At a tenth of the rate, which one PostgreSQL node keeps up with: what the hop between nodes adds. */
  lightLatency: LatencyFigures;
  /** One PostgreSQL node at that light rate. */
  onePostgresNodeLight: LatencyFigures;
  throughput: ThroughputFigures;
}

/** Each figure on a fresh cluster (and the light rate on a fresh single node too), then its rows and its problems. */
export async function clusterSection(
  nodes: number,
  load: { latency: LatencyParams; throughput: ThroughputParams },
  single: Comparison,
  floor: Comparison,
): Promise<{ results: ClusterFigures; rows: Row[]; problems: string[] }> {
  const light = { ...load.latency, rate: load.latency.rate / 10 };
  const figures: ClusterFigures = {
    nodes,
    latency: await clusterLatency(nodes, load.latency),
    lightLatency: await clusterLatency(nodes, light),
    onePostgresNodeLight: await latency('mostrador', light, 'postgres'),
    throughput: await clusterThroughput(nodes, load.throughput),
  };
  const problems = [
    ...deliveryProblems('Latency across the cluster', figures.latency),
    ...deliveryProblems('Latency across the cluster, light rate', figures.lightLatency),
    ...deliveryProblems('Latency on one PostgreSQL node, light rate', figures.onePostgresNodeLight),
    ...deliveryProblems('Throughput across the cluster', figures.throughput),
  ];
  const unrouted = figures.latency.assignment?.taken ?? 0;
  if (unrouted > 0) {
    problems.push(
      `Cluster: routing on node A left ${unrouted} of ${figures.latency.assignment?.opened} new conversations without an agent, ` +
        'though agents with room were online on the other nodes; the bench had them taken to measure the message path.',
    );
  }
  return { results: figures, rows: clusterRows(figures, load.latency, single, floor), problems };
}

/** A cluster's per-message CPU: each node, PostgreSQL and Redis, and the whole beside one PostgreSQL node's. */
function clusterCpuRows(
  label: string,
  names: string[],
  cluster: Measured,
  n: number,
  single: (Measured & { n: number }) | undefined,
): Row[] {
  const nodesTotal = sum(names.map((name) => cluster.cpuMs[name]));
  const total = nodesTotal + sum([cluster.cpuMs.postgres, cluster.cpuMs.redis]);
  const one = single && sum([single.cpuMs.server, single.cpuMs.postgres]);
  const each = names.map((name) => perMessage(cluster.cpuMs[name], n)).join(' / ');
  const shares = [nodesTotal, cluster.cpuMs.postgres, cluster.cpuMs.redis].map((ms) => perMessage(ms, n)).join(' + ');
  const oneShares = single && [single.cpuMs.server, single.cpuMs.postgres].map((ms) => perMessage(ms, single.n)).join(' + ');
  return [
    [`  CPU per message ${label}: node ${names.join(' / ')}`, each, '', '', ''],
    ['    nodes + PostgreSQL + Redis = total', `${shares} = ${perMessage(total, n)}`, '', '', ''],
    ['    one PostgreSQL node: node + PostgreSQL = total', single ? `${oneShares} = ${perMessage(one, single.n)}` : '—', '', '', ''],
  ];
}

const p50p99 = (l: LatencyFigures | undefined) => (l ? `${ms(l.p50)} / ${ms(l.p99)}` : '—');
const perSecond = (t: ThroughputFigures | undefined) => (t ? `${Math.round(t.perSecond)} msg/s` : '—');

function clusterRows(c: ClusterFigures, load: LatencyParams, single: Comparison, floor: Comparison): Row[] {
  const names = Array.from({ length: c.nodes }, (_, i) => nodeName(i));
  const a = c.latency.assignment;
  const oneLatency = single.latency && { ...single.latency, n: single.latency.sent };
  const oneThroughput = single.throughput && { ...single.throughput, n: single.throughput.acked };
  return [
    [`Cluster of ${c.nodes} nodes on PostgreSQL + Redis: shoppers on A, agents on ${names.slice(1).join(', ')}`, '', '', '', ''],
    [
      '  conversations placed by routing / taken by their agent',
      a ? `${a.routed} / ${a.taken}${a.refused ? ` (${a.refused} refused: ${a.refusal})` : ''}` : '—',
      '',
      '',
      'all by routing',
    ],
    [
      `  latency p50 / p99 across nodes at ${load.rate} msg/s`,
      p50p99(c.latency),
      p50p99(floor.latency),
      floor.latency ? ratio(c.latency.p99, floor.latency.p99) : '—',
      '',
    ],
    ['    one PostgreSQL node, same load', p50p99(single.latency), '', '', ''],
    ...clusterCpuRows('at that rate', names, c.latency, c.latency.sent, oneLatency),
    deliveryRow(c.latency),
    [`  latency p50 / p99 across nodes at ${load.rate / 10} msg/s`, p50p99(c.lightLatency), '', '', ''],
    ['    one PostgreSQL node, same load', p50p99(c.onePostgresNodeLight), '', '', ''],
    ...clusterCpuRows('at that rate', names, c.lightLatency, c.lightLatency.sent, {
      ...c.onePostgresNodeLight,
      n: c.onePostgresNodeLight.sent,
    }),
    deliveryRow(c.lightLatency),
    [
      '  durable throughput across nodes',
      perSecond(c.throughput),
      perSecond(floor.throughput),
      floor.throughput ? ratio(c.throughput.perSecond, floor.throughput.perSecond) : '—',
      '',
    ],
    ['    one PostgreSQL node', perSecond(single.throughput), '', '', ''],
    ...clusterCpuRows('at full load', names, c.throughput, c.throughput.acked, oneThroughput),
    deliveryRow(c.throughput),
  ];
}
