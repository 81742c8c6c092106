export { ContactsService, type VerifiedContact } from './contacts.service.ts';
export { createContactsModule, type ContactsModuleDeps } from './contacts.module.ts';
