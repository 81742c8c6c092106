import type { Db } from '../../db/client.ts';
import type { VisitorsService } from '../visitors/index.ts';
import { ContactsPersonalData } from './contacts.personal-data.ts';
import { ContactsRepository } from './contacts.repository.ts';
import { ContactsService } from './contacts.service.ts';

export interface ContactsModuleDeps {
  db: Db;
  visitors: Pick<VisitorsService, 'byId' | 'identityOf'>;
}

/** How to reach a visitor when nobody can answer live: the offline form's answers, and the privacy source. */
export function createContactsModule(deps: ContactsModuleDeps) {
  // The offline form's answers; a verified customer's email counts as one, so it is never asked again.
  const { visitors } = deps;
  const verifiedContact = (siteId: string, visitorId: string) => {
    const visitor = visitors.byId(siteId, visitorId);
    const identity = visitor ? visitors.identityOf(visitor) : null;
    return identity?.verified && identity.email ? { email: identity.email, name: identity.name } : null;
  };
  const contactsRepo = new ContactsRepository(deps.db);
  const contacts = new ContactsService(contactsRepo, verifiedContact);
  return {
    contacts,
    /** Every address the visitor is known by: the one they left, and the shop's verified one. */
    emailsOf: (siteId: string, visitorId: string) =>
      [contactsRepo.of(siteId, visitorId)?.email, verifiedContact(siteId, visitorId)?.email].filter((e): e is string => !!e),
    personalData: () => new ContactsPersonalData(deps.db),
  };
}
