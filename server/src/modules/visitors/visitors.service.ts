import { randomInt } from 'node:crypto';
import { fail, ok, type Result, type VisitorIdentity } from '@mostrador/shared';
import { hashSecret, newId, newSecret } from '../../db/ids.ts';
import { isValidIdentityHash } from './identity-hash.ts';
import { parseUserAgent } from './user-agent.ts';
import { verifiedIdentity, VisitorCustomers } from './visitor-customers.ts';
import type { CustomerRow, VisitorChanges, VisitorRow, VisitorsRepository } from './visitors.repository.ts';

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

/**
 * The shop's visitors, on either engine: who holds a token, their visits,
 * and whom the shop vouched they are. Every read and write awaits the
 * repository, except the customers' links, kept in memory (see
 * visitor-customers.ts) for the callers that ask synchronously.
 */
export class VisitorsService {
  #customers = new VisitorCustomers();
  readonly #linkListeners: Array<(siteId: string, visitorId: string) => void> = [];

  constructor(private readonly repo: VisitorsRepository) {}

  /** Reads every visitor's link to a customer: before the app serves (again, it replaces the copy). */
  async load(): Promise<void> {
    const customers = new VisitorCustomers();
    customers.fill(await this.repo.linkedVisitors());
    this.#customers = customers;
  }

  /** Reads the visitor's customer again from the table: another node linked it, or changed the customer's name or email. */
  async reloadCustomer(siteId: string, visitorId: string): Promise<void> {
    const visitor = await this.repo.byId(siteId, visitorId);
    if (visitor) await this.identityOf(visitor);
  }

  /** Called with the visitor after an identify made here linked them to a customer, or changed the customer. */
  onCustomerLinked(listener: (siteId: string, visitorId: string) => void): void {
    this.#linkListeners.push(listener);
  }

  /**
   * Finds the visitor that owns `token` on this site, or mints a new visitor.
   * A token from another site, or an unknown one, never reaches an existing
   * visitor: it just starts a fresh identity. Counts visits and notes the
   * device; one write per connection, none per heartbeat.
   */
  async identify(siteId: string, token: string | undefined, userAgent?: string): Promise<IdentifiedVisitor> {
    return (token ? await this.returning(siteId, token, userAgent) : undefined) ?? this.create(siteId, userAgent);
  }

  /** The visitor that owns `token` on this site, nothing counted (an upload is not a visit); undefined for any other token. */
  byToken(siteId: string, token: string): Promise<VisitorRow | undefined> {
    return this.repo.bySiteAndTokenHash(siteId, hashSecret(token));
  }

  /**
   * The visitor that owns `token` on this site, its visit counted in one
   * statement (two sockets arriving at once, on any nodes, count one visit);
   * undefined for a token no visitor of this site holds.
   */
  async returning(siteId: string, token: string, userAgent?: string): Promise<IdentifiedVisitor | undefined> {
    const arrival = { at: Date.now(), device: parseUserAgent(userAgent), visitGapMs: VISIT_GAP_MS };
    const visitor = await this.repo.arrive(siteId, hashSecret(token), arrival);
    return visitor && { visitor, token, isNew: false };
  }

  /** A new visitor on this site, with a new token. */
  async create(siteId: string, userAgent?: string): Promise<IdentifiedVisitor> {
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
    // A new secret's hash already taken would be a broken random source: refused, as the unique index always did.
    if (!(await this.repo.insert(visitor))) throw new Error('A new visitor token collided with a stored one');
    return { visitor, token: fresh, isNew: true };
  }

  byId(siteId: string, id: string): Promise<VisitorRow | undefined> {
    return this.repo.byId(siteId, id);
  }

  /** The visitor left the site (its last page closed); the next visit is counted from here. */
  seen(siteId: string, visitorId: string, at: number): Promise<void> {
    return this.repo.update(siteId, visitorId, { lastSeenAt: at });
  }

  /** The browser's language and time zone, from its page reports; the caller writes only changes. */
  noteLocale(siteId: string, visitorId: string, locale: { language?: string | undefined; timeZone?: string | undefined }): Promise<void> {
    const changes: VisitorChanges = {};
    if (locale.language) changes.language = locale.language;
    if (locale.timeZone) changes.timeZone = locale.timeZone;
    return this.repo.update(siteId, visitorId, changes);
  }

  /**
   * `Mostrador('identify', …)`. With a valid hash the visitor is linked to
   * the customer (and so to the customer's other devices). Without one the
   * claim is kept apart, shown as unverified and never merged, or refused
   * outright when the site enforces verification.
   */
  async identifyCustomer(visitor: VisitorRow, site: IdentitySettings, claim: IdentifyClaim): Promise<Result<VisitorIdentity>> {
    const now = Date.now();
    if (isValidIdentityHash(site.identitySecret, claim.id, claim.hash)) {
      const customer = await this.repo.upsertCustomer({
        id: newId('cus'),
        siteId: visitor.siteId,
        externalId: claim.id,
        name: claim.name ?? null,
        email: claim.email ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.update(visitor.siteId, visitor.id, { customerId: customer.id, claimedName: null, claimedEmail: null });
      const before = this.#customers.of(visitor.siteId, visitor.id);
      this.#customers.link(visitor.id, customer);
      // A shop identifies on every page: only news is told.
      if (!sameIdentity(before, customer)) for (const listener of this.#linkListeners) listener(visitor.siteId, visitor.id);
      return ok(verifiedIdentity(customer));
    }
    if (site.identityEnforced) return fail('identity_refused', 'identify needs a valid hash on this site');
    // A visitor the shop once vouched for keeps that identity: an unsigned claim cannot replace it.
    if (visitor.customerId) return ok(await this.identityOf(visitor));
    await this.repo.update(visitor.siteId, visitor.id, { claimedName: claim.name ?? null, claimedEmail: claim.email ?? null });
    return ok({ customerId: null, name: claim.name ?? null, email: claim.email ?? null, verified: false });
  }

  /** Who the visitor is, the customer read from the table (another node may have linked or renamed it), and remembered. */
  async identityOf(visitor: VisitorRow): Promise<VisitorIdentity> {
    const customer = visitor.customerId ? await this.repo.customerById(visitor.siteId, visitor.customerId) : undefined;
    if (customer) {
      this.#customers.link(visitor.id, customer);
      return verifiedIdentity(customer);
    }
    return { customerId: null, name: visitor.claimedName, email: visitor.claimedEmail, verified: false };
  }

  /** The verified identity of a visitor of the site, from memory; null when the shop never vouched for them. */
  verifiedIdentity(siteId: string, visitorId: string): VisitorIdentity | null {
    const customer = this.#customers.of(siteId, visitorId);
    return customer ? verifiedIdentity(customer) : null;
  }

  /** The id of the customer the visitor is linked to, from memory; null when none. */
  customerOf(siteId: string, visitorId: string): string | null {
    return this.#customers.of(siteId, visitorId)?.id ?? null;
  }

  /** The visitor's devices: itself, or every visitor linked to the same customer. */
  async devicesOf(visitor: VisitorRow): Promise<string[]> {
    return visitor.customerId ? this.repo.idsOfCustomer(visitor.siteId, visitor.customerId) : [visitor.id];
  }

  /** Erased visitors: their links go from memory (the rows went in the erasure's step). */
  forget(visitorIds: readonly string[]): void {
    this.#customers.unlink(visitorIds);
  }
}

function sameIdentity(before: CustomerRow | undefined, after: CustomerRow): boolean {
  return before?.id === after.id && before.name === after.name && before.email === after.email && before.externalId === after.externalId;
}

function newLabel(): string {
  let label = '';
  for (let i = 0; i < 5; i += 1) label += LABEL_ALPHABET[randomInt(LABEL_ALPHABET.length)];
  return `#${label}`;
}
