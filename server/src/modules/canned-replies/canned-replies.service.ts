import { fail, ok, type AttachmentInfo, type CannedReply, type ProductCard, type Result } from '@mostrador/shared';
import { newId } from '../../db/ids.ts';
import { OneAtATime } from '../../db/one-at-a-time.ts';
import type { CannedRepliesRepository, CannedReplyRow } from './canned-replies.repository.ts';

/** Who is asking: the site and agent come from the session, never from the payload. */
export interface CannedActor {
  siteId: string;
  agentId: string;
  role: 'admin' | 'agent';
  departmentIds: readonly string[];
}

export type CannedInput = Omit<CannedReply, 'id' | 'updatedAt' | 'picture' | 'product' | 'productUrl'> & {
  /** A product page of the site's catalogue whose card goes with the reply (null: none; absent on an update keeps it). */
  productUrl?: string | null | undefined;
};
/** A reply as written: `pictureId` an upload of the author's to keep as its picture (null removes it, absent keeps it). */
export type CannedWrite = CannedInput & { pictureId?: string | null | undefined };

export interface CannedDirectory {
  departmentExists: (siteId: string, departmentId: string) => boolean;
}

/** The replies' pictures, kept by the attachments module (the bytes and their rules are its). */
export interface CannedPicturePort {
  /** The upload may become a picture: the agent's own unsent image on the site; another's is not found. */
  check(siteId: string, agentId: string, attachmentId: string): Promise<Result<AttachmentInfo>>;
  /** Makes it the reply's only picture (null: none); a replaced one is removed. False when it was sent or taken since its check. */
  keep(siteId: string, replyId: string, attachmentId: string | null): Promise<boolean>;
  of(siteId: string, replyIds: readonly string[]): Promise<Map<string, AttachmentInfo>>;
  /** A new upload of the agent with the picture's bytes. */
  copy(siteId: string, agentId: string, replyId: string): Promise<Result<AttachmentInfo>>;
}

/** The site's product catalogue (the visitors module's): a reply's product must be one of it. */
export interface CannedProductPort {
  /** The site's products at these page URLs, each under the URL as given; one the site's catalogue lacks is absent. */
  byUrl(siteId: string, urls: readonly string[]): Promise<Map<string, ProductCard>>;
}

export function toCannedReply(row: CannedReplyRow, picture?: AttachmentInfo, product?: ProductCard): CannedReply {
  return {
    ...(picture ? { picture } : {}),
    ...(row.productUrl ? { productUrl: row.productUrl } : {}),
    ...(product ? { product } : {}),
    id: row.id,
    shortcut: row.shortcut,
    title: row.title,
    scope: row.ownerId === null ? 'shared' : 'personal',
    departmentId: row.departmentId,
    bodies: row.bodies,
    updatedAt: row.updatedAt,
  };
}

function newRow(actor: CannedActor, input: CannedInput, now: number): CannedReplyRow {
  return {
    id: newId('cnr'),
    siteId: actor.siteId,
    ownerId: input.scope === 'shared' ? null : actor.agentId,
    departmentId: input.departmentId,
    shortcut: input.shortcut,
    title: input.title,
    bodies: input.bodies,
    productUrl: input.productUrl ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

const notFound = () => fail('not_found', 'No such canned reply');
/** The same words for another site's product as for one no page has shown: the answer tells nothing of other sites. */
const NO_PRODUCT = 'No such product in the shop’s catalogue';

/**
 * The rules: anyone writes their own personal replies; only admins write the team's. A department-limited
 * reply is offered to that department's agents (admins see them all, to manage them).
 */
export class CannedRepliesService {
  /** Writes one at a time: a shortcut checked free must still be free when its reply is written. */
  readonly #writes = new OneAtATime();

  constructor(
    private readonly repo: CannedRepliesRepository,
    private readonly directory: CannedDirectory,
    private readonly pictures: CannedPicturePort,
    private readonly products: CannedProductPort,
  ) {}

  /** The replies as the API shows them, each with its picture and its product as the catalogue shows it now. */
  async present(siteId: string, rows: readonly CannedReplyRow[]): Promise<CannedReply[]> {
    const [pictures, products] = await Promise.all([
      this.pictures.of(
        siteId,
        rows.map((row) => row.id),
      ),
      this.products.byUrl(
        siteId,
        rows.flatMap((row) => (row.productUrl ? [row.productUrl] : [])),
      ),
    ]);
    return rows.map((row) => toCannedReply(row, pictures.get(row.id), row.productUrl ? products.get(row.productUrl) : undefined));
  }

  /** A copy of the reply's picture for the agent inserting it, to send with the message like any upload. */
  async copyPicture(actor: CannedActor, id: string): Promise<Result<AttachmentInfo>> {
    if (!(await this.repo.byId(actor.siteId, actor.agentId, id))) return notFound();
    return this.pictures.copy(actor.siteId, actor.agentId, id);
  }

  /** Every reply the actor may manage: the team's and their own. */
  list(actor: CannedActor): Promise<CannedReplyRow[]> {
    return this.repo.list(actor.siteId, actor.agentId);
  }

  /** What the composer offers: the actor's own, the team's for everyone, and the team's for their departments. */
  async usable(actor: CannedActor): Promise<CannedReplyRow[]> {
    return (await this.list(actor)).filter(
      (row) => row.ownerId !== null || row.departmentId === null || actor.departmentIds.includes(row.departmentId),
    );
  }

  create(actor: CannedActor, write: CannedWrite): Promise<Result<CannedReplyRow>> {
    return this.#writes.run(() => this.#create(actor, write));
  }

  async #create(actor: CannedActor, { pictureId, ...input }: CannedWrite): Promise<Result<CannedReplyRow>> {
    const checked = this.check(actor, input, null, await this.list(actor));
    if (!checked.ok) return checked;
    const productUrl = await this.productOf(actor.siteId, input.productUrl);
    if (!productUrl.ok) return productUrl;
    // Refused before anything is written; checked again when kept, as the write may wait on the database.
    const picture = pictureId ? await this.pictures.check(actor.siteId, actor.agentId, pictureId) : ok(null);
    if (!picture.ok) return picture;
    const row = newRow(actor, { ...input, productUrl: productUrl.data }, Date.now());
    // Checked free above, but another node may have taken it since: the database has the last word.
    if (!(await this.repo.insert([row]))) return shortcutTaken(input.shortcut);
    const kept = pictureId ? await this.keepPicture(actor, row.id, pictureId) : ok(null);
    if (kept.ok) return ok(row);
    // The upload was taken meanwhile: the reply goes too, as if it had been refused at first.
    await this.repo.delete(actor.siteId, actor.agentId, row.id);
    return kept;
  }

  update(actor: CannedActor, id: string, write: Partial<CannedWrite>): Promise<Result<CannedReplyRow>> {
    return this.#writes.run(() => this.#update(actor, id, write));
  }

  async #update(actor: CannedActor, id: string, { pictureId, ...changes }: Partial<CannedWrite>): Promise<Result<CannedReplyRow>> {
    const existing = await this.repo.byId(actor.siteId, actor.agentId, id);
    if (!existing) return notFound();
    const { picture: current, product: _product, ...shown } = toCannedReply(existing, (await this.pictures.of(actor.siteId, [id])).get(id));
    const merged: CannedInput = { ...shown, ...changes };
    if (existing.ownerId === null && actor.role !== 'admin') return fail('forbidden', 'Only admins change the team’s replies');
    const checked = this.check(actor, merged, id, await this.list(actor));
    if (!checked.ok) return checked;
    // Its own product is not looked up again: the catalogue may have let it go since, and keeping it is no change.
    const newProduct = changes.productUrl !== undefined && changes.productUrl !== existing.productUrl;
    const productUrl = newProduct ? await this.productOf(actor.siteId, changes.productUrl) : ok(existing.productUrl);
    if (!productUrl.ok) return productUrl;
    // The picture it already has is no new upload: keeping it is no change.
    const newPicture = pictureId !== undefined && pictureId !== current?.id;
    const picture = newPicture && pictureId ? await this.pictures.check(actor.siteId, actor.agentId, pictureId) : ok(null);
    if (!picture.ok) return picture;
    const updated = await this.repo.update(actor.siteId, actor.agentId, id, {
      ownerId: merged.scope === 'shared' ? null : (existing.ownerId ?? actor.agentId),
      departmentId: merged.departmentId,
      shortcut: merged.shortcut,
      title: merged.title,
      bodies: merged.bodies,
      productUrl: productUrl.data,
      updatedAt: Date.now(),
    });
    if (!updated) return notFound();
    if (updated === 'taken') return shortcutTaken(merged.shortcut);
    // Should the upload be taken while the row was written, the reply keeps its old picture and the agent hears why.
    const kept = newPicture ? await this.keepPicture(actor, id, pictureId) : ok(null);
    return kept.ok ? ok(updated) : kept;
  }

  delete(actor: CannedActor, id: string): Promise<Result<null>> {
    return this.#writes.run(() => this.#delete(actor, id));
  }

  async #delete(actor: CannedActor, id: string): Promise<Result<null>> {
    const existing = await this.repo.byId(actor.siteId, actor.agentId, id);
    if (!existing) return notFound();
    if (existing.ownerId === null && actor.role !== 'admin') return fail('forbidden', 'Only admins change the team’s replies');
    await this.repo.delete(actor.siteId, actor.agentId, id);
    await this.pictures.keep(actor.siteId, id, null);
    return ok(null);
  }

  /**
   * Adds many at once (CSV import), in one statement; each is checked like a single create, and one that
   * fails (a shortcut already taken, say) is refused alone, by its position in `inputs`.
   */
  createMany(actor: CannedActor, inputs: CannedInput[]): Promise<{ added: number; refused: Array<{ index: number; message: string }> }> {
    return this.#writes.run(() => this.#createMany(actor, inputs));
  }

  async #createMany(
    actor: CannedActor,
    inputs: CannedInput[],
  ): Promise<{ added: number; refused: Array<{ index: number; message: string }> }> {
    const existing = await this.list(actor);
    const catalogue = await this.products.byUrl(
      actor.siteId,
      inputs.flatMap((input) => (input.productUrl ? [input.productUrl] : [])),
    );
    const rows: CannedReplyRow[] = [];
    const refused: Array<{ index: number; message: string }> = [];
    const now = Date.now();
    const indexOf = new Map<string, number>();
    inputs.forEach((input, index) => {
      const checked = this.check(actor, input, null, [...existing, ...rows]);
      if (!checked.ok) return void refused.push({ index, message: checked.error.message });
      const product = input.productUrl ? catalogue.get(input.productUrl) : undefined;
      if (input.productUrl && !product) return void refused.push({ index, message: NO_PRODUCT });
      const row = newRow(actor, { ...input, productUrl: product?.url ?? null }, now);
      rows.push(row);
      indexOf.set(row.id, index);
    });
    let added = rows.length;
    // Another node took a shortcut meanwhile: then each goes alone, and those taken are refused like any other.
    if (!(await this.repo.insert(rows))) {
      added = 0;
      for (const row of rows) {
        if (await this.repo.insert([row])) added += 1;
        else refused.push({ index: indexOf.get(row.id)!, message: takenMessage(row.shortcut) });
      }
      refused.sort((a, b) => a.index - b.index);
    }
    return { added, refused };
  }

  /**
   * Makes the upload (null: none) the reply's picture, checked again, then kept by a conditional update:
   * should a message send it (or the sweep of unsent uploads take it) in between, on any node, it is not kept.
   */
  private async keepPicture(actor: CannedActor, replyId: string, pictureId: string | null): Promise<Result<null>> {
    const picture = pictureId ? await this.pictures.check(actor.siteId, actor.agentId, pictureId) : ok(null);
    if (!picture.ok) return picture;
    if (!(await this.pictures.keep(actor.siteId, replyId, pictureId))) return fail('not_found', 'No such file');
    return ok(null);
  }

  /** The catalogue's URL of the product named (null: none): another site's product, or one no page showed, is not found. */
  private async productOf(siteId: string, url: string | null | undefined): Promise<Result<string | null>> {
    if (!url) return ok(null);
    const product = (await this.products.byUrl(siteId, [url])).get(url);
    return product ? ok(product.url) : fail('not_found', NO_PRODUCT);
  }

  /** `visible`: the replies the actor sees, with those about to be written beside them. */
  private check(actor: CannedActor, input: CannedInput, id: string | null, visible: readonly CannedReplyRow[]): Result<null> {
    if (input.scope === 'shared' && actor.role !== 'admin') return fail('forbidden', 'Only admins write the team’s replies');
    if (input.departmentId !== null && !this.directory.departmentExists(actor.siteId, input.departmentId)) {
      return fail('not_found', 'No such department');
    }
    const ownerId = input.scope === 'shared' ? null : actor.agentId;
    const taken = visible.some((row) => row.id !== id && row.shortcut === input.shortcut && row.ownerId === ownerId);
    return taken ? shortcutTaken(input.shortcut) : ok(null);
  }
}

const takenMessage = (shortcut: string) => `A reply "/${shortcut}" already exists`;

function shortcutTaken(shortcut: string) {
  return fail('conflict', takenMessage(shortcut));
}
