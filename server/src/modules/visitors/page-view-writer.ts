import type { GroupCommit } from '../../db/group-commit.ts';
import type { ActivityRepository, EndedPageView } from './activity.repository.ts';

/**
 * Page views are written once, when the visitor leaves the page, and many
 * at a time: a shop with thousands of browsers costs one multi-row insert
 * per interval, inside the group commit, instead of a commit per click.
 */
export class PageViewWriter {
  #buffer: EndedPageView[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #waiting: Array<() => void> = [];

  constructor(
    private readonly repo: ActivityRepository,
    private readonly groupCommit: GroupCommit,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Resolves once the view is committed. */
  add(view: EndedPageView): Promise<void> {
    this.#buffer.push(view);
    this.#timer ??= setTimeout(() => void this.flush(), this.intervalMs);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Views not yet written, so a profile read meanwhile still shows them. */
  pendingOf(visitorIds: readonly string[]): EndedPageView[] {
    return this.#buffer.filter((view) => visitorIds.includes(view.visitorId));
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
    try {
      if (views.length > 0) await this.groupCommit.run(() => this.repo.insertPageViews(views));
    } catch (error) {
      // A lost trail entry is not worth failing anything else for: report it and go on.
      this.onError(error);
    }
    for (const resolve of waiting) resolve();
  }

  /** At shutdown, after the group commit may have stopped: written at once, outside it. */
  writeNow(views: readonly EndedPageView[]): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.repo.insertPageViews([...this.#buffer, ...views]);
    this.#buffer = [];
    for (const resolve of this.#waiting.splice(0)) resolve();
  }
}
