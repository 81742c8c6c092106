// CPU time of the processes a figure runs on, read from /proc (Linux): a
// process's own user + system time, in clock ticks.
import { readFileSync } from 'node:fs';

/** USER_HZ: 100 on every Linux the bench runs on. */
const TICKS_PER_SECOND = 100;
const MS_PER_TICK = 1000 / TICKS_PER_SECOND;

/** CPU time (user + system) a process has used, in ms; null once it is gone. */
export function processCpuMsIfAlive(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // After the command's name: state is [0]; utime and stime (fields 14 and 15 of stat) are [11] and [12].
  const fields = stat.split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/** CPU time (user + system) a process has used, in ms. */
export function processCpuMs(pid: number): number {
  const ms = processCpuMsIfAlive(pid);
  if (ms === null) throw new Error(`process ${pid} is gone`);
  return ms;
}

/** Something's CPU time so far, in ms. */
export type CpuProbe = () => number | Promise<number>;

/** The CPU time each probe used between this call and `stop()`, in ms. */
export async function cpuWindow<Name extends string>(probes: Record<Name, CpuProbe>): Promise<{ stop(): Promise<Record<Name, number>> }> {
  const names = Object.keys(probes) as Name[];
  const read = async () => Promise.all(names.map(async (name) => probes[name]()));
  const before = await read();
  return {
    async stop() {
      const after = await read();
      return Object.fromEntries(names.map((name, i) => [name, after[i]! - before[i]!])) as Record<Name, number>;
    },
  };
}
