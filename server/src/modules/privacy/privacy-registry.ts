import type { PersonalDataSource, RetentionKind, SubjectScope } from './personal-data.ts';

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

  exportRows(scope: SubjectScope): Record<string, Array<Record<string, unknown>>> {
    const data: Record<string, Array<Record<string, unknown>>> = {};
    for (const { source } of this.#sources) Object.assign(data, source.exportRows(scope));
    return data;
  }

  /** Rows changed per source; run inside one transaction so an erase is all or nothing. */
  eraseInTx(scope: SubjectScope): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { name, source } of [...this.#sources].reverse()) counts[name] = source.eraseInTx(scope);
    return counts;
  }

  /** Once the erasure is committed. */
  afterErase(scope: SubjectScope): void {
    for (const { source } of this.#sources) source.afterErase?.(scope);
  }

  /** The sources whose old rows follow a site's retention setting of this kind. */
  retained(kind: RetentionKind): Array<{ name: string; purgeInTx: (siteId: string, cutoff: number, limit: number) => number }> {
    return this.#sources.flatMap(({ name, source }) =>
      source.retention?.kind === kind ? [{ name, purgeInTx: source.retention.purgeInTx }] : [],
    );
  }
}
