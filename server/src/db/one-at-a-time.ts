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

/**
 * Steps of one key run one after another, in the order asked; steps of
 * other keys run alongside. A key is forgotten once its last step has
 * ended, so keys that come and go (connections, visitors) leave nothing.
 */
export class OneAtATimePerKey {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, step: () => Promise<T>): Promise<T> {
    const result = (this.#tails.get(key) ?? Promise.resolve()).then(step);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** How many keys have a step waiting or running. */
  get keys(): number {
    return this.#tails.size;
  }
}
