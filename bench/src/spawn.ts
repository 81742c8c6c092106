import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const GENERATOR_NICENESS = 10;

export interface Child<Ready> {
  process: ChildProcess;
  ready: Ready;
  /** Resolves with the child's last `RESULT {json}` line (or null) when it exits. */
  exited: Promise<unknown>;
  /** Resolves when the child writes its first `RESULT` line (a generator's measured window is over), or exits. */
  firstResult: Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** The child's heap figures, after a full GC (children run with --expose-gc). */
  memory(): Promise<NodeJS.MemoryUsage>;
}

/**
 * Starts one of bench/src/processes/*.ts in its own Node process, so the
 * server and each load generator have their own event loop and heap, and
 * waits for its `READY {json}` line.
 */
export function startProcess<Ready>(
  name: string,
  env: Record<string, string>,
  options: { nodeArgs?: string[]; timeoutMs?: number; label?: string } = {},
): Promise<Child<Ready>> {
  const node = [process.execPath, ...(options.nodeArgs ?? []), '--import', 'tsx', join(here, 'processes', `${name}.ts`)];
  // Load generators stand in for browsers on other machines: on this one they
  // yield the CPU to the server under test (the floor's and ours alike).
  const command = name.startsWith('load-') ? ['nice', '-n', String(GENERATOR_NICENESS), ...node] : node;
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let result: unknown = null;
  let onFirstResult: () => void = () => undefined;
  const firstResult = new Promise<void>((resolve) => {
    onFirstResult = resolve;
    child.once('exit', () => resolve());
  });
  const memoryWaiters: Array<(m: NodeJS.MemoryUsage) => void> = [];
  let onReady: (ready: Ready) => void = () => undefined;
  const readyPromise = new Promise<Ready>((resolve, reject) => {
    onReady = resolve;
    const timer = setTimeout(() => reject(new Error(`${name} not ready in time`)), options.timeoutMs ?? 60_000);
    timer.unref();
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('READY ')) onReady(JSON.parse(line.slice(6)) as Ready);
    else if (line.startsWith('RESULT ')) {
      result = JSON.parse(line.slice(7));
      onFirstResult();
    } else if (line.startsWith('METRICS ')) memoryWaiters.shift()?.(JSON.parse(line.slice(8)) as NodeJS.MemoryUsage);
    else if (line.trim()) process.stderr.write(`  [${options.label ?? name}] ${line}\n`);
  });
  const exited = new Promise<unknown>((resolve) => child.once('exit', () => resolve(result)));
  return readyPromise.then((ready) => ({
    process: child,
    ready,
    exited,
    firstResult,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
    memory() {
      return new Promise<NodeJS.MemoryUsage>((resolve, reject) => {
        if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`${name} has exited`));
        memoryWaiters.push(resolve);
        child.once('exit', () => reject(new Error(`${name} exited before reporting its memory`)));
        child.kill('SIGUSR2');
      });
    },
  }));
}

/**
 * Runs a load generator to completion and returns its last RESULT. With
 * `window`, it is told when the generator is ready (its measured window
 * starts) and when it writes its first RESULT (the window is over).
 */
export async function runGenerator<Result>(
  name: string,
  env: Record<string, string>,
  timeoutMs = 300_000,
  window?: { started(): Promise<void>; ended(): Promise<void> },
): Promise<Result> {
  const child = await startProcess<unknown>(name, env, { timeoutMs });
  const timer = setTimeout(() => void child.kill('SIGKILL'), timeoutMs);
  if (window) {
    await window.started();
    await child.firstResult;
    await window.ended();
  }
  const result = await child.exited;
  clearTimeout(timer);
  if (result === null) throw new Error(`${name} gave no result`);
  return result as Result;
}
