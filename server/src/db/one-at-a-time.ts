/**
 * Runs steps one after another, in the order they were asked for. Once a
 * repository's calls return promises, a service's check-then-write may wait
 * on the database between the check and the write, and another request's
 * step could run in between (on SQLite too: every await yields). Steps run
 * through one of these keep a service's rule ("that shortcut is taken") and
 * its in-memory copy true within a process; across the nodes of a cluster,
 * a unique index has to hold the rule. A failed step does not stop the next.
 */
export class OneAtATime {
  #last: Promise<unknown> = Promise.resolve();

  run<T>(step: () => Promise<T>): Promise<T> {
    const result = this.#last.then(step);
    this.#last = result.catch(() => undefined);
    return result;
  }
}
