import type { Db } from '../../db/client.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { AuditLog } from './audit-log.ts';
import { AuditRepository } from './audit.repository.ts';
import type { PersonalDataSource, SubjectResolver } from './personal-data.ts';
import { PrivacyRegistry } from './privacy-registry.ts';
import { PrivacyService, type PrivacyPorts } from './privacy.service.ts';
import { RetentionJob, type RetentionOptions, type RetentionSite } from './retention.ts';

export interface PrivacyModuleDeps {
  db: Db;
  groupCommit: GroupCommit;
  /** Every other module's personal data, by name; the owner of the subject's own rows first (sources erase in reverse). */
  sources: ReadonlyArray<readonly [string, PersonalDataSource]>;
  resolve: SubjectResolver;
  ports: PrivacyPorts;
  retention: Omit<RetentionOptions, 'now'> & { sites: () => RetentionSite[] };
}

/** The privacy module, assembled: the registry (the audit log joins it last), export and erase, retention, the audit log. */
export function createPrivacyModule(deps: PrivacyModuleDeps) {
  const audit = new AuditLog(new AuditRepository(deps.db), deps.groupCommit);
  const registry = new PrivacyRegistry();
  for (const [name, source] of deps.sources) registry.register(name, source);
  registry.register('audit', audit.personalData);
  const privacy = new PrivacyService(registry, deps.resolve, deps.groupCommit, audit, deps.ports);
  const { sites, ...options } = deps.retention;
  const retention = new RetentionJob(registry, sites, deps.groupCommit, { ...options, now: Date.now });
  return { audit, registry, privacy, retention };
}
