interface Pending<Row> {
  row: Row;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * PostgreSQL's counterpart of the group commit, for appends that nobody on
 * the message path waits for: rows added in the same turn of the event loop
 * go in one multi-row INSERT (one statement, so one transaction and one WAL
 * flush). Batches are written one after another, never side by side, so rows
 * get their ids in the order they were added, which "latest" reads rely on.
 * If a batch is refused, each of its rows is written alone, so only the bad
 * one fails, as a piece of work does in the group commit.
 */
export class InsertBatch<Row> {
  #pending: Pending<Row>[] = [];
  #scheduled = false;
  #written: Promise<void> = Promise.resolve();

  constructor(private readonly insert: (rows: Row[]) => Promise<unknown>) {}

  /** Settles once the row is committed, or refused. */
  add(row: Row): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ row, resolve, reject });
      if (this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => {
        // After the batch under way: rows added meanwhile join this one.
        this.#written = this.#written.then(() => this.#flush());
      });
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    this.#scheduled = false;
    try {
      await this.insert(batch.map((p) => p.row));
      for (const p of batch) p.resolve();
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      for (const p of batch) {
        try {
          await this.insert([p.row]);
          p.resolve();
        } catch (alone) {
          p.reject(alone);
        }
      }
    }
  }
}
