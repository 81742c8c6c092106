import { andThen, type InTx, inOrder, type Tx } from '../../db/committer.ts';
import type { ExportedRows, PersonalDataSource, RetentionKind, SubjectScope } from './personal-data.ts';

/**
 * Every module that stores personal data registers here, and export, erase
 * and retention work from this list alone, so a new module's data is
 * covered by registering it. Sources erase in reverse order of
 * registration: register the one owning the subject's own rows (visitors)
 * first, and rows pointing at them are gone before they are.
 */
export class PrivacyRegistry {
  readonly #sources: Array<{ name: string; source: PersonalDataSource }> = [];

  register(name: string, source: PersonalDataSource): void {
    if (this.#sources.some((s) => s.name === name)) throw new Error(`personal data source ${name} registered twice`);
    this.#sources.push({ name, source });
  }

  /** Every table some source answers for. */
  tables(): string[] {
    return this.#sources.flatMap(({ source }) => source.tables);
  }

  async exportRows(scope: SubjectScope): Promise<ExportedRows> {
    const data: ExportedRows = {};
    for (const { source } of this.#sources) Object.assign(data, await source.exportRows(scope));
    return data;
  }

  /** Rows changed per source; run inside one transaction so an erase is all or nothing. */
  eraseInTx(tx: Tx, scope: SubjectScope): InTx<Record<string, number>> {
    const sources = [...this.#sources].reverse();
    return andThen(
      inOrder(tx, sources, ({ source }) => source.eraseInTx(tx, scope)),
      (changed) => Object.fromEntries(sources.map(({ name }, i) => [name, changed[i] ?? 0])),
    );
  }

  /** Once the erasure is committed. */
  afterErase(scope: SubjectScope): void {
    for (const { source } of this.#sources) source.afterErase?.(scope);
  }

  /** The sources whose old rows follow a site's retention setting of this kind. */
  retained(kind: RetentionKind): Array<{ name: string; purgeInTx: NonNullable<PersonalDataSource['retention']>['purgeInTx'] }> {
    return this.#sources.flatMap(({ name, source }) =>
      source.retention?.kind === kind ? [{ name, purgeInTx: source.retention.purgeInTx }] : [],
    );
  }
}
