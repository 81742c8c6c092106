import { ok, type ContactInfo, type Result, type VisitorContact } from '@mostrador/shared';
import type { ContactsRepository } from './contacts.repository.ts';

/** What a verified `identify` already told us about the visitor. */
export type VerifiedContact = (siteId: string, visitorId: string) => ContactInfo | null;

/**
 * How to reach a visitor when nobody can answer live. The site and visitor
 * always come from the visitor's socket, never from the payload.
 */
export class ContactsService {
  constructor(
    private readonly repo: ContactsRepository,
    private readonly verified: VerifiedContact = () => null,
  ) {}

  save(siteId: string, visitorId: string, input: VisitorContact, at: number): Result<ContactInfo> {
    const contact = { email: input.email.trim(), name: input.name ?? null };
    this.repo.save({ visitorId, siteId, ...contact, consentedAt: at });
    return ok(contact);
  }

  /** The offline form's answer, else what a verified identify gave; null: the shop cannot reach them. */
  of(siteId: string, visitorId: string): ContactInfo | null {
    const row = this.repo.of(siteId, visitorId);
    return row ? { email: row.email, name: row.name } : this.verified(siteId, visitorId);
  }
}
