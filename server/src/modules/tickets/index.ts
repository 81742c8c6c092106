export { ContactsRepository } from './contacts.repository.ts';
export { ContactsService, type VerifiedContact } from './contacts.service.ts';
