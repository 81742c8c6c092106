export { ContactsRepository } from './contacts.repository.ts';
export { ContactsService, type VerifiedContact } from './contacts.service.ts';
export { ContactsPersonalData } from './contacts.personal-data.ts';
export { createContactsModule, type ContactsModuleDeps } from './contacts.module.ts';
