import { ok, type ContactInfo, type Result, type VisitorContact } from '@mostrador/shared';
import { OneAtATime } from '../../db/one-at-a-time.ts';
import type { ContactRow, ContactsRepository } from './contacts.repository.ts';

/** What a verified `identify` already told us about the visitor. */
export type VerifiedContact = (siteId: string, visitorId: string) => ContactInfo | null;

/**
 * How to reach a visitor when nobody can answer live. The site and visitor
 * always come from the visitor's socket, never from the payload.
 *
 * Every contact is in memory by visitor, because it is read synchronously:
 * inside the group commit's transaction (is a visitor who left reachable,
 * for a ticket?), on the widget's connection before it takes commands, and
 * by the mail directory; none of them can wait on PostgreSQL. A row is an
 * address and a name, so even many thousands are a few megabytes. `load`
 * fills the copy once, before the app serves; `save` writes, then refreshes
 * it; an erasure (contacts.personal-data.ts) makes it `forget` them. A contact
 * saved on another node is read again by `reload` when that node tells so.
 */
export class ContactsService {
  readonly #byVisitor = new Map<string, ContactRow>();
  /** One write at a time, each with its refresh: on PostgreSQL two answers of one visitor could otherwise finish out of order, and memory would keep another than the table. */
  readonly #writes = new OneAtATime();
  readonly #changeListeners: Array<(siteId: string, visitorId: string) => void> = [];

  constructor(
    private readonly repo: ContactsRepository,
    private readonly verified: VerifiedContact = () => null,
  ) {}

  /** Reads every site's contacts into memory: before the app serves (again, it replaces the copy). */
  load(): Promise<void> {
    return this.#writes.run(async () => {
      const rows = await this.repo.all();
      this.#byVisitor.clear();
      for (const row of rows) this.#byVisitor.set(row.visitorId, row);
    });
  }

  /** Reads the visitor's contact again from the table: another node saved it. */
  reload(siteId: string, visitorId: string): Promise<void> {
    return this.#writes.run(async () => {
      const [row] = await this.repo.ofVisitors(siteId, [visitorId]);
      if (row) this.#byVisitor.set(visitorId, row);
    });
  }

  /** Called with the visitor after each contact saved here, once it is committed. */
  onChanged(listener: (siteId: string, visitorId: string) => void): void {
    this.#changeListeners.push(listener);
  }

  async save(siteId: string, visitorId: string, input: VisitorContact, at: number): Promise<Result<ContactInfo>> {
    const contact = { email: input.email.trim(), name: input.name ?? null };
    const row = { visitorId, siteId, ...contact, consentedAt: at };
    await this.#writes.run(async () => {
      await this.repo.save(row);
      const stored = this.#byVisitor.get(visitorId);
      // As in the table: another site's row for this visitor id is left as it is.
      if (!stored || stored.siteId === siteId) this.#byVisitor.set(visitorId, row);
    });
    for (const listener of this.#changeListeners) listener(siteId, visitorId);
    return ok(contact);
  }

  /** The offline form's answer, else what a verified identify gave; null: the shop cannot reach them. */
  of(siteId: string, visitorId: string): ContactInfo | null {
    return this.left(siteId, visitorId) ?? this.verified(siteId, visitorId);
  }

  /** The offline form's answer alone; another site's visitor has none. */
  left(siteId: string, visitorId: string): ContactInfo | null {
    const row = this.#byVisitor.get(visitorId);
    return row && row.siteId === siteId ? { email: row.email, name: row.name } : null;
  }

  /** The visitors' rows were erased: memory lets go of them too. */
  forget(siteId: string, visitorIds: readonly string[]): void {
    for (const visitorId of visitorIds) if (this.#byVisitor.get(visitorId)?.siteId === siteId) this.#byVisitor.delete(visitorId);
  }
}
