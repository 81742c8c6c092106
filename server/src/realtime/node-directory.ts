/** One node's entry in a shared directory: `node` holds `id` in `scope` (a site), with `value`. */
export interface DirectoryEntry<T> {
  scope: string;
  id: string;
  node: string;
  value: T;
}

/**
 * Who holds what across the nodes of a cluster, for state that lives only as
 * long as a connection: which agents have a console open on which node, which
 * shoppers are on the site and what they see. Each node writes only its own
 * entries; everyone reads every node's, synchronously, from memory (the
 * message path never waits on Redis). Entries carry a lease that the node
 * renews while it lives, so a dead node's entries disappear by themselves.
 */
export interface NodeDirectory<T> {
  readonly nodeId: string;
  /** This node holds `id` in `scope` now, with `value` (replacing its own earlier value). */
  put(scope: string, id: string, value: T): void;
  /** This node no longer holds `id` in `scope`. */
  remove(scope: string, id: string): void;
  /** Every node's live entries in `scope`, this node's included. */
  entries(scope: string): DirectoryEntry<T>[];
  /** Whether any node holds `id` in `scope`. */
  holds(scope: string, id: string): boolean;
  /** Another node's entry appeared, changed, went, or ran out (its node stopped renewing it). Returns the way to stop listening. */
  onOthersChanged(listener: (scope: string, id: string) => void): () => void;
  /** Resolved once this node hears the others and has read their entries once (in memory: at once). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** One process: only this node's entries exist, and no other node ever changes one. */
export class InMemoryDirectory<T> implements NodeDirectory<T> {
  readonly #scopes = new Map<string, Map<string, T>>();

  readonly ready = Promise.resolve();

  constructor(readonly nodeId: string) {}

  put(scope: string, id: string, value: T): void {
    let entries = this.#scopes.get(scope);
    if (!entries) {
      entries = new Map();
      this.#scopes.set(scope, entries);
    }
    entries.set(id, value);
  }

  remove(scope: string, id: string): void {
    const entries = this.#scopes.get(scope);
    entries?.delete(id);
    if (entries?.size === 0) this.#scopes.delete(scope);
  }

  entries(scope: string): DirectoryEntry<T>[] {
    return [...(this.#scopes.get(scope) ?? [])].map(([id, value]) => ({ scope, id, node: this.nodeId, value }));
  }

  holds(scope: string, id: string): boolean {
    return this.#scopes.get(scope)?.has(id) ?? false;
  }

  onOthersChanged(_listener: (scope: string, id: string) => void): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    this.#scopes.clear();
  }
}
