import type { Engine } from '../../db/engine.ts';
import type { VisitorsService } from '../visitors/index.ts';
import { ContactsPersonalData } from './contacts.personal-data.ts';
import type { ContactsRepository } from './contacts.repository.ts';
import { PgContactsRepository } from './contacts.repository.pg.ts';
import { SqliteContactsRepository } from './contacts.repository.sqlite.ts';
import { ContactsService } from './contacts.service.ts';

export interface ContactsModuleDeps {
  engine: Engine;
  visitors: Pick<VisitorsService, 'verifiedIdentity'>;
}

export function contactsRepository(engine: Engine): ContactsRepository {
  return engine.kind === 'sqlite' ? new SqliteContactsRepository(engine.db) : new PgContactsRepository(engine.db);
}

/**
 * How to reach a visitor when nobody can answer live: the offline form's answers, and the privacy source.
 * Every contact is read into memory by `contacts.load()` before the app serves.
 */
export async function createContactsModule(deps: ContactsModuleDeps) {
  // The offline form's answers; a verified customer's email counts as one, so it is never asked again.
  const { visitors } = deps;
  const verifiedContact = (siteId: string, visitorId: string) => {
    // From the visitors' memory of who the shop vouched for: asked inside the message path's step.
    const identity = visitors.verifiedIdentity(siteId, visitorId);
    return identity?.email ? { email: identity.email, name: identity.name } : null;
  };
  const repo = contactsRepository(deps.engine);
  const contacts = new ContactsService(repo, verifiedContact);
  await contacts.load();
  return {
    contacts,
    /** Every address the visitor is known by: the one they left, and the shop's verified one. */
    emailsOf: (siteId: string, visitorId: string) =>
      [contacts.left(siteId, visitorId)?.email, verifiedContact(siteId, visitorId)?.email].filter((e): e is string => !!e),
    personalData: () => new ContactsPersonalData(repo, (scope) => contacts.forget(scope.siteId, scope.visitorIds)),
  };
}
