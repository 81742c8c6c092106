import type { HealthReport } from '@mostrador/shared';

/** What the health checks read from the parts they report on, each answering soon, without throwing. */
export interface HealthProbes {
  engine: HealthReport['engine'];
  /** Whether the database answers a query now. */
  databaseUp(): Promise<boolean>;
  /** `off` without Redis; otherwise whether it answers within a short timeout (a probe must not hang on a dead link). */
  redis(): Promise<HealthReport['redis']>;
}

/**
 * The node's health for monitors and its readiness for load balancers. A
 * draining node (SIGTERM received) is healthy but not ready: a balancer stops
 * sending it new clients while it finishes what it has.
 */
export class HealthService {
  #draining = false;

  constructor(private readonly probes: HealthProbes) {}

  /** From now until the process exits, the node is not ready for new clients. */
  beginDrain(): void {
    this.#draining = true;
  }

  async report(): Promise<HealthReport> {
    const [up, redis] = await Promise.all([this.probes.databaseUp(), this.probes.redis()]);
    const database = up ? 'up' : 'down';
    return {
      ok: database === 'up' && redis !== 'down',
      status: this.#draining ? 'draining' : 'serving',
      engine: this.probes.engine,
      database,
      redis,
    };
  }

  /** Ready: serving, and every part it needs is up. */
  async ready(): Promise<boolean> {
    const report = await this.report();
    return report.ok && report.status === 'serving';
  }
}
