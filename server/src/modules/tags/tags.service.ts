import { fail, ok, type Result, type Tag } from '@mostrador/shared';
import { type Committer, type InTx, andThen, type Tx } from '../../db/committer.ts';
import { newId } from '../../db/ids.ts';
import { TagNameTaken, type TagRow, type TagsRepository } from './tags.repository.ts';

/** What renaming or merging a tag does to the conversations that carry it; the conversations module answers. */
export interface TaggedConversations {
  /** Inside the step: renames `from` to `to` on every conversation of the site; answers their ids. */
  renameInTx(tx: Tx, siteId: string, from: string, to: string): InTx<string[]>;
  /** After the commit: tells the agents of those conversations. */
  retagged(siteId: string, conversationIds: string[]): void;
  /** Tag names already on conversations (from triggers, say), so the list starts with them. */
  used(siteId: string): Promise<string[]>;
}

export const toTag = (row: TagRow): Tag => ({ id: row.id, name: row.name, colour: row.colour });
const notFound = () => fail('not_found', 'No such tag');

type Edited = Result<{ row: TagRow; touched: string[] }>;

/**
 * The site's tag list: agents pick from it; admins colour, rename and merge.
 * A rename or merge is one committed step with the conversations it carries
 * along: the tags it reads are locked until the commit, and the unique index
 * on (site, name) refuses a name another node took meanwhile, so two nodes
 * editing at once never leave the list and the conversations apart.
 */
export class TagsService {
  constructor(
    private readonly repo: TagsRepository,
    private readonly committer: Committer,
    private readonly conversations: TaggedConversations,
  ) {}

  /** The list, with any name already used on a conversation added first (tags from triggers predate the list). */
  async list(siteId: string): Promise<TagRow[]> {
    const used = await this.conversations.used(siteId);
    if (used.length > 0) await this.committer.run((tx) => this.ensureInTx(tx, siteId, used));
    return this.repo.list(siteId);
  }

  /**
   * Inside the caller's step: the names not yet on the list join it, grey.
   * Sorted, so that two PostgreSQL transactions adding the same names wait
   * for each other in one order instead of deadlocking.
   */
  ensureInTx(tx: Tx, siteId: string, names: readonly string[]): InTx<void> {
    const now = Date.now();
    const rows = [...new Set(names)].sort().map((name): TagRow => ({ id: newId('tag'), siteId, name, colour: 'grey', createdAt: now }));
    return this.repo.ensureInTx(tx, rows);
  }

  async create(siteId: string, input: Pick<TagRow, 'name' | 'colour'>): Promise<Result<TagRow>> {
    const row: TagRow = { id: newId('tag'), siteId, ...input, createdAt: Date.now() };
    if (!(await this.repo.create(row))) return fail('conflict', `A tag "${input.name}" already exists`);
    return ok(row);
  }

  /** A rename carries every conversation's tag along, in the same commit. Renaming onto another tag's name is a merge. */
  async update(siteId: string, id: string, changes: Partial<Pick<TagRow, 'name' | 'colour'>>): Promise<Result<TagRow>> {
    return this.edit(siteId, (tx) =>
      andThen(this.repo.lockInTx(tx, siteId, [id]), ([existing]): InTx<Edited> => {
        if (!existing) return notFound();
        const { name } = changes;
        const renamed = name !== undefined && name !== existing.name ? this.conversations.renameInTx(tx, siteId, existing.name, name) : [];
        return andThen(renamed, (touched) =>
          andThen(this.repo.updateInTx(tx, siteId, id, changes), (row) => ok({ row: row ?? existing, touched })),
        );
      }),
    );
  }

  /** Every conversation tagged `id` is tagged `into` instead, and `id` leaves the list. */
  async merge(siteId: string, id: string, into: string): Promise<Result<TagRow>> {
    return this.edit(siteId, (tx) =>
      andThen(this.repo.lockInTx(tx, siteId, [id, into]), (locked): InTx<Edited> => {
        const source = locked.find((row) => row.id === id);
        const target = locked.find((row) => row.id === into);
        if (!source || !target) return notFound();
        if (source.id === target.id) return fail('conflict', 'A tag cannot merge into itself');
        return andThen(this.conversations.renameInTx(tx, siteId, source.name, target.name), (touched) =>
          andThen(this.repo.deleteInTx(tx, siteId, source.id), () => ok({ row: target, touched })),
        );
      }),
    );
  }

  /** Runs an admin's edit as one committed step, then tells the agents of the conversations it touched. */
  private async edit(siteId: string, step: (tx: Tx) => InTx<Edited>): Promise<Result<TagRow>> {
    let outcome: Edited;
    try {
      outcome = await this.committer.run(step);
    } catch (error) {
      if (error instanceof TagNameTaken) return fail('conflict', `${error.message}; merge instead`);
      throw error;
    }
    if (!outcome.ok) return outcome;
    this.conversations.retagged(siteId, outcome.data.touched);
    return ok(outcome.data.row);
  }
}
