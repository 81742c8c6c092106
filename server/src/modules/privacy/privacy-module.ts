import { committerFor } from '../../db/committer.ts';
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
  /** SQLite's group commit; none on PostgreSQL. */
  groupCommit?: GroupCommit;
  /** Every other module's personal data, by name; the owner of the subject's own rows first (sources erase in reverse). */
  sources: ReadonlyArray<readonly [string, PersonalDataSource]>;
  resolve: SubjectResolver;
  ports: PrivacyPorts;
  retention: Omit<RetentionOptions, 'now'> & { sites: () => RetentionSite[] };
}

/** The audit log's repository for the engine; on SQLite its entries join the group commit (unused on PostgreSQL). */
export function auditRepository(engine: Engine, groupCommit?: GroupCommit): AuditRepository {
  if (engine.kind === 'postgres') return new PgAuditRepository(engine.db);
  if (!groupCommit) throw new Error('SQLite commits through the group commit');
  return new SqliteAuditRepository(engine.db, groupCommit);
}

/** The privacy module, assembled: the registry (the audit log joins it last), export and erase, retention, the audit log. */
export function createPrivacyModule(deps: PrivacyModuleDeps) {
  const committer = committerFor(deps.engine, deps.groupCommit);
  const audit = new AuditLog(auditRepository(deps.engine, deps.groupCommit));
  const registry = new PrivacyRegistry();
  for (const [name, source] of deps.sources) registry.register(name, source);
  registry.register('audit', audit.personalData);
  const privacy = new PrivacyService(registry, deps.resolve, committer, audit, deps.ports);
  const { sites, ...options } = deps.retention;
  const retention = new RetentionJob(registry, sites, committer, { ...options, now: Date.now });
  return { audit, registry, privacy, retention };
}
