import type { Committer } from '../../db/committer.ts';
import type { ActivityRepository, EndedPageView } from './activity.repository.ts';

/**
 * Page views are written once, when the visitor leaves the page, and many
 * at a time: a shop with thousands of browsers costs one multi-row insert
 * per interval, inside the group commit on SQLite, in one transaction on
 * PostgreSQL, instead of a commit per click.
 */
export class PageViewWriter {
  #buffer: EndedPageView[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #waiting: Array<() => void> = [];
  /** Batches being committed: out of the buffer, not yet readable from the table. */
  readonly #writing = new Set<readonly EndedPageView[]>();

  constructor(
    private readonly repo: ActivityRepository,
    private readonly committer: Committer,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Resolves once the view is committed. */
  add(view: EndedPageView): Promise<void> {
    this.#buffer.push(view);
    this.#timer ??= setTimeout(() => void this.flush(), this.intervalMs);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Views not yet committed (waiting, or in a write under way), so a profile read meanwhile still shows them. */
  pendingOf(visitorIds: readonly string[]): EndedPageView[] {
    return [...[...this.#writing].flat(), ...this.#buffer].filter((view) => visitorIds.includes(view.visitorId));
  }

  /** Views of erased visitors are dropped before they reach the database. */
  drop(visitorIds: readonly string[]): void {
    this.#buffer = this.#buffer.filter((view) => !visitorIds.includes(view.visitorId));
  }

  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const views = this.#buffer;
    const waiting = this.#waiting;
    this.#buffer = [];
    this.#waiting = [];
    this.#writing.add(views);
    try {
      if (views.length > 0) await this.committer.run((tx) => this.repo.insertPageViewsInTx(tx, views));
    } catch (error) {
      // A lost trail entry is not worth failing anything else for: report it and go on.
      this.onError(error);
    } finally {
      this.#writing.delete(views);
    }
    for (const resolve of waiting) resolve();
  }

  /** At shutdown, after the group commit may have stopped: written outside it (on SQLite at once, before this returns its promise). */
  async writeNow(views: readonly EndedPageView[]): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const all = [...this.#buffer, ...views];
    this.#buffer = [];
    const waiting = this.#waiting.splice(0);
    try {
      if (all.length > 0) await this.repo.insertPageViews(all);
    } finally {
      for (const resolve of waiting) resolve();
    }
  }
}
