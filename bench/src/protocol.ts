/** What the bench's processes tell each other. */
export const BENCH_ORIGIN = 'http://bench.localhost';
export const BENCH_PASSWORD = 'bench-password';

export interface ServerReady {
  port: number;
  pid: number;
  siteKey: string;
  /** Agent emails, all with BENCH_PASSWORD. */
  agents: string[];
  /** An admin, who sees every conversation; not online unless a bench logs it in. */
  admin: string;
}

export interface LatencyResult {
  sent: number;
  received: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
}
