import type { Engine } from '../../db/engine.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { AuditLog } from './audit-log.ts';
import type { AuditRepository } from './audit.repository.ts';
import { PgAuditRepository } from './audit.repository.pg.ts';
import { SqliteAuditRepository } from './audit.repository.sqlite.ts';
import type { PersonalDataSource, SubjectResolver } from './personal-data.ts';
import { PrivacyRegistry } from './privacy-registry.ts';
import { PrivacyService, type PrivacyPorts } from './privacy.service.ts';
import { RetentionJob, type RetentionOptions, type RetentionSite } from './retention.ts';

export interface PrivacyModuleDeps {
  engine: Engine;
  groupCommit: GroupCommit;
  /** Every other module's personal data, by name; the owner of the subject's own rows first (sources erase in reverse). */
  sources: ReadonlyArray<readonly [string, PersonalDataSource]>;
  resolve: SubjectResolver;
  ports: PrivacyPorts;
  retention: Omit<RetentionOptions, 'now'> & { sites: () => RetentionSite[] };
}

/** The audit log's repository for the engine; on SQLite its entries join the group commit (unused on PostgreSQL). */
export function auditRepository(engine: Engine, groupCommit: GroupCommit): AuditRepository {
  return engine.kind === 'sqlite' ? new SqliteAuditRepository(engine.db, groupCommit) : new PgAuditRepository(engine.db);
}

/** The privacy module, assembled: the registry (the audit log joins it last), export and erase, retention, the audit log. */
export function createPrivacyModule(deps: PrivacyModuleDeps) {
  const { engine } = deps;
  // The registry's sources erase, purge and export on SQLite, synchronously, and the audit log takes part
  // in the erasure's transaction (AuditInTransaction): until they move, so does nothing here.
  if (engine.kind !== 'sqlite')
    throw new Error('The privacy module runs on SQLite only, until its registry’s sources run on PostgreSQL too');
  const audit = new AuditLog(auditRepository(engine, deps.groupCommit), new SqliteAuditRepository(engine.db, deps.groupCommit));
  const registry = new PrivacyRegistry();
  for (const [name, source] of deps.sources) registry.register(name, source);
  registry.register('audit', audit.personalData);
  const privacy = new PrivacyService(registry, deps.resolve, deps.groupCommit, audit, deps.ports);
  const { sites, ...options } = deps.retention;
  const retention = new RetentionJob(registry, sites, deps.groupCommit, { ...options, now: Date.now });
  return { audit, registry, privacy, retention };
}
