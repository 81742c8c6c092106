import { randomInt } from 'node:crypto';
import { fail, ok, type Result, type VisitorIdentity } from '@mostrador/shared';
import { hashSecret, newId, newSecret } from '../../db/ids.ts';
import { isValidIdentityHash } from './identity-hash.ts';
import { parseUserAgent } from './user-agent.ts';
import type { CustomerRow, VisitorChanges, VisitorRow, VisitorsRepositoryNow } from './visitors.repository.ts';

/** No 0/O or 1/I, so agents can read a label aloud to each other. */
const LABEL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Away longer than this, and the next arrival is a new visit (the usual web-analytics session). */
export const VISIT_GAP_MS = 30 * 60_000;

export interface IdentifiedVisitor {
  visitor: VisitorRow;
  /** The token to hand back to the browser: the one it presented, or a new one. */
  token: string;
  isNew: boolean;
}

export interface IdentifyClaim {
  id: string;
  name?: string | undefined;
  email?: string | undefined;
  hash?: string | undefined;
}

export interface IdentitySettings {
  identitySecret: string;
  identityEnforced: boolean;
}

export class VisitorsService {
  constructor(private readonly repo: VisitorsRepositoryNow) {}

  /**
   * Finds the visitor that owns `token` on this site, or mints a new visitor.
   * A token from another site, or an unknown one, never reaches an existing
   * visitor: it just starts a fresh identity. Counts visits and notes the
   * device; one write per connection, none per heartbeat.
   */
  identify(siteId: string, token: string | undefined, userAgent?: string): IdentifiedVisitor {
    return (token ? this.returning(siteId, token, userAgent) : undefined) ?? this.create(siteId, userAgent);
  }

  /** The visitor that owns `token` on this site, nothing counted (an upload is not a visit); undefined for any other token. */
  byToken(siteId: string, token: string): VisitorRow | undefined {
    return this.repo.bySiteAndTokenHash(siteId, hashSecret(token));
  }

  /** The visitor that owns `token` on this site, its visit counted; undefined for a token no visitor of this site holds. */
  returning(siteId: string, token: string, userAgent?: string): IdentifiedVisitor | undefined {
    const found = this.repo.bySiteAndTokenHash(siteId, hashSecret(token));
    if (!found) return undefined;
    const now = Date.now();
    const newVisit = now - found.lastSeenAt > VISIT_GAP_MS;
    const changes: VisitorChanges = {
      lastSeenAt: now,
      device: parseUserAgent(userAgent),
      ...(newVisit ? { visits: found.visits + 1, visitStartedAt: now } : {}),
    };
    this.repo.update(siteId, found.id, changes);
    return { visitor: { ...found, ...changes }, token, isNew: false };
  }

  /** A new visitor on this site, with a new token. */
  create(siteId: string, userAgent?: string): IdentifiedVisitor {
    const now = Date.now();
    const device = parseUserAgent(userAgent);
    const fresh = newSecret();
    const visitor: VisitorRow = {
      id: newId('vis'),
      siteId,
      tokenHash: hashSecret(fresh),
      label: newLabel(),
      createdAt: now,
      lastSeenAt: now,
      visits: 1,
      visitStartedAt: now,
      customerId: null,
      claimedName: null,
      claimedEmail: null,
      device,
      language: null,
      timeZone: null,
    };
    this.repo.insert(visitor);
    return { visitor, token: fresh, isNew: true };
  }

  byId(siteId: string, id: string): VisitorRow | undefined {
    return this.repo.byId(siteId, id);
  }

  /** The visitor left the site (its last page closed); the next visit is counted from here. */
  seen(siteId: string, visitorId: string, at: number): void {
    this.repo.update(siteId, visitorId, { lastSeenAt: at });
  }

  /** The browser's language and time zone, from its page reports; the caller writes only changes. */
  noteLocale(siteId: string, visitorId: string, locale: { language?: string | undefined; timeZone?: string | undefined }): void {
    const changes: VisitorChanges = {};
    if (locale.language) changes.language = locale.language;
    if (locale.timeZone) changes.timeZone = locale.timeZone;
    this.repo.update(siteId, visitorId, changes);
  }

  /**
   * `Mostrador('identify', …)`. With a valid hash the visitor is linked to
   * the customer (and so to the customer's other devices). Without one the
   * claim is kept apart, shown as unverified and never merged, or refused
   * outright when the site enforces verification.
   */
  identifyCustomer(visitor: VisitorRow, site: IdentitySettings, claim: IdentifyClaim): Result<VisitorIdentity> {
    const now = Date.now();
    if (isValidIdentityHash(site.identitySecret, claim.id, claim.hash)) {
      const customer = this.repo.upsertCustomer({
        id: newId('cus'),
        siteId: visitor.siteId,
        externalId: claim.id,
        name: claim.name ?? null,
        email: claim.email ?? null,
        createdAt: now,
        updatedAt: now,
      });
      this.repo.update(visitor.siteId, visitor.id, { customerId: customer.id, claimedName: null, claimedEmail: null });
      return ok(verifiedIdentity(customer));
    }
    if (site.identityEnforced) return fail('identity_refused', 'identify needs a valid hash on this site');
    // A visitor the shop once vouched for keeps that identity: an unsigned claim cannot replace it.
    if (visitor.customerId) return ok(this.identityOf(visitor));
    this.repo.update(visitor.siteId, visitor.id, { claimedName: claim.name ?? null, claimedEmail: claim.email ?? null });
    return ok({ customerId: null, name: claim.name ?? null, email: claim.email ?? null, verified: false });
  }

  identityOf(visitor: VisitorRow): VisitorIdentity {
    const customer = visitor.customerId ? this.repo.customerById(visitor.siteId, visitor.customerId) : undefined;
    if (customer) return verifiedIdentity(customer);
    return { customerId: null, name: visitor.claimedName, email: visitor.claimedEmail, verified: false };
  }

  /** The visitor's devices: itself, or every visitor linked to the same customer. */
  devicesOf(visitor: VisitorRow): string[] {
    return visitor.customerId ? this.repo.idsOfCustomer(visitor.siteId, visitor.customerId) : [visitor.id];
  }
}

function verifiedIdentity(customer: CustomerRow): VisitorIdentity {
  return { customerId: customer.externalId, name: customer.name, email: customer.email, verified: true };
}

function newLabel(): string {
  let label = '';
  for (let i = 0; i < 5; i += 1) label += LABEL_ALPHABET[randomInt(LABEL_ALPHABET.length)];
  return `#${label}`;
}
