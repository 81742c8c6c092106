// The shared engines a PostgreSQL or cluster run needs, on this machine's
// services: a PostgreSQL database of the run's own, and a Redis database
// index of the bench's own, each emptied before and after.
import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';
import pg from 'pg';
import { processCpuMsIfAlive } from './cpu.ts';

/** This machine's PostgreSQL (trust auth); the bench's databases are made through its "postgres" database. */
const POSTGRES_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_SERVER = 'redis://127.0.0.1:6379';
/**
 * The server names its Redis keys `mostrador:…` with no prefix of an
 * installation's own, so the bench keeps to a database index nobody else
 * uses (0 is everyone's default), flushed before and after. Pub/sub channels
 * are not per database: the nodes' cache and directory messages are heard by
 * any other node on this Redis, which ignores sites it does not know.
 */
const BENCH_REDIS_DB = 13;

async function onPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  url: string;
  /** What one query answers on it (the bench's own checks). */
  query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<Row[]>;
  /** Drops it, ending any session still connected (the servers should be gone by then). */
  drop(): Promise<void>;
}

/** A new empty database on this machine's PostgreSQL, named for this run; the server migrates it at start. */
export async function freshPostgres(): Promise<BenchDatabase> {
  const name = `mostrador_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onPostgres(POSTGRES_SERVER, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: (sql, values) => onPostgres(url.toString(), async (c) => (await c.query(sql, values)).rows),
    drop: () =>
      onPostgres(POSTGRES_SERVER, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() => undefined),
  };
}

/** How often the backends' CPU is read during a run, so one that ends (an idle pool connection let go) is counted up to its end. */
const BACKEND_SAMPLE_MS = 250;

export interface PostgresCpu {
  /** CPU ms used so far by the database's backends and PostgreSQL's own background processes (WAL writer, checkpointer…). */
  read(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The PostgreSQL CPU a bench database costs, from /proc: this machine's
 * PostgreSQL serves other databases too (other runs' tests), so only the
 * backends connected to this one count, and the background processes all
 * databases share. Read through a connection to "postgres", not counted.
 */
export async function postgresCpu(database: BenchDatabase): Promise<PostgresCpu> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  await client.connect();
  const name = new URL(database.url).pathname.slice(1);
  /** Each process's last reading; a process that ended keeps it. */
  const last = new Map<number, number>();
  const sample = async () => {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE (datname = $1 OR datname IS NULL) AND pid <> pg_backend_pid()',
      [name],
    );
    for (const { pid } of rows) {
      const ms = processCpuMsIfAlive(pid);
      if (ms !== null) last.set(pid, ms);
    }
  };
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(sample).catch(() => undefined);
  }, BACKEND_SAMPLE_MS);
  await sample();
  return {
    async read() {
      await sampling;
      await sample();
      let total = 0;
      for (const ms of last.values()) total += ms;
      return total;
    },
    async close() {
      clearInterval(timer);
      await sampling;
      await client.end();
    },
  };
}

export interface BenchRedis {
  url: string;
  /** CPU time Redis has used since it started, in ms (its own INFO: every thread). */
  cpuMs(): Promise<number>;
  /** Empties the bench's database index and lets go of it. */
  close(): Promise<void>;
}

/** The bench's Redis database index, emptied. */
export async function freshRedis(): Promise<BenchRedis> {
  const url = `${REDIS_SERVER}/${BENCH_REDIS_DB}`;
  const client = createClient({ url });
  await client.connect();
  await client.flushDb();
  return {
    url,
    async cpuMs() {
      const info = await client.info('cpu');
      const seconds = (field: string) => Number(new RegExp(`^${field}:([\\d.]+)`, 'm').exec(info)?.[1] ?? Number.NaN);
      return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000;
    },
    async close() {
      await client.flushDb();
      await client.close();
    },
  };
}
