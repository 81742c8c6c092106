import { fail, ok, type Result, type Tag } from '@mostrador/shared';
import type { GroupCommit } from '../../db/group-commit.ts';
import { newId } from '../../db/ids.ts';
import type { TagRow, TagsRepository } from './tags.repository.ts';

/** What renaming or merging a tag does to the conversations that carry it; the conversations module answers. */
export interface TaggedConversations {
  /** Inside the commit: renames `from` to `to` on every conversation of the site; answers their ids. */
  renameInTx(siteId: string, from: string, to: string): string[];
  /** After the commit: tells the agents of those conversations. */
  retagged(siteId: string, conversationIds: string[]): void;
  /** Tag names already on conversations (from triggers, say), so the list starts with them. */
  used(siteId: string): string[];
}

export const toTag = (row: TagRow): Tag => ({ id: row.id, name: row.name, colour: row.colour });
const notFound = () => fail('not_found', 'No such tag');

/** The site's tag list: agents pick from it; admins colour, rename and merge. */
export class TagsService {
  constructor(
    private readonly repo: TagsRepository,
    private readonly groupCommit: GroupCommit,
    private readonly conversations: TaggedConversations,
  ) {}

  /** The list, with any name already used on a conversation added first (tags from triggers predate the list). */
  list(siteId: string): TagRow[] {
    this.ensureInTx(siteId, this.conversations.used(siteId));
    return this.repo.list(siteId);
  }

  ensureInTx(siteId: string, names: readonly string[]): void {
    const now = Date.now();
    this.repo.insertMissing(names.map((name) => ({ id: newId('tag'), siteId, name, colour: 'grey', createdAt: now })));
  }

  create(siteId: string, input: Pick<TagRow, 'name' | 'colour'>): Result<TagRow> {
    if (this.repo.byName(siteId, input.name)) return fail('conflict', `A tag "${input.name}" already exists`);
    const row: TagRow = { id: newId('tag'), siteId, ...input, createdAt: Date.now() };
    this.repo.insertMissing([row]);
    return ok(row);
  }

  /** A rename carries every conversation's tag along, in the same commit. Renaming onto another tag's name is a merge. */
  async update(siteId: string, id: string, changes: Partial<Pick<TagRow, 'name' | 'colour'>>): Promise<Result<TagRow>> {
    const outcome = await this.groupCommit.run((): Result<{ row: TagRow; touched: string[] }> => {
      const existing = this.repo.byId(siteId, id);
      if (!existing) return notFound();
      if (changes.name && changes.name !== existing.name && this.repo.byName(siteId, changes.name)) {
        return fail('conflict', `A tag "${changes.name}" already exists; merge instead`);
      }
      const touched =
        changes.name && changes.name !== existing.name ? this.conversations.renameInTx(siteId, existing.name, changes.name) : [];
      return ok({ row: this.repo.update(siteId, id, changes) ?? existing, touched });
    });
    if (!outcome.ok) return outcome;
    this.conversations.retagged(siteId, outcome.data.touched);
    return ok(outcome.data.row);
  }

  /** Every conversation tagged `id` is tagged `into` instead, and `id` leaves the list. */
  async merge(siteId: string, id: string, into: string): Promise<Result<TagRow>> {
    const outcome = await this.groupCommit.run((): Result<{ row: TagRow; touched: string[] }> => {
      const source = this.repo.byId(siteId, id);
      const target = this.repo.byId(siteId, into);
      if (!source || !target) return notFound();
      if (source.id === target.id) return fail('conflict', 'A tag cannot merge into itself');
      const touched = this.conversations.renameInTx(siteId, source.name, target.name);
      this.repo.delete(siteId, [source.id]);
      return ok({ row: target, touched });
    });
    if (!outcome.ok) return outcome;
    this.conversations.retagged(siteId, outcome.data.touched);
    return ok(outcome.data.row);
  }
}
