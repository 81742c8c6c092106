import type { customers, visitors } from '../../db/schema.ts';

/** The same rows on both engines (schema-parity.test.ts). */
export type VisitorRow = typeof visitors.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;
export type VisitorChanges = Partial<Omit<VisitorRow, 'id' | 'siteId' | 'tokenHash' | 'label' | 'createdAt'>>;

/** A returning visitor's arrival: when, on which device, and how long away makes it a new visit. */
export interface Arrival {
  at: number;
  device: VisitorRow['device'];
  visitGapMs: number;
}

/**
 * The visitors and the customers a shop vouched for, on either engine
 * (visitors.repository.test.ts holds both to one contract). Every read and
 * write is within the caller's site (from the visitor token or the agent's
 * session).
 */
export interface VisitorsRepository {
  /**
   * A new visitor; false, and nothing written, when its token's hash is
   * already taken (the hash is unique on every node's database).
   */
  insert(row: VisitorRow): Promise<boolean>;
  /**
   * The visitor holding the token on the site, its arrival noted in one
   * statement: two sockets of one visitor arriving at once, on any nodes,
   * count one visit. Undefined for a token no visitor of this site holds.
   */
  arrive(siteId: string, tokenHash: string, arrival: Arrival): Promise<VisitorRow | undefined>;
  bySiteAndTokenHash(siteId: string, tokenHash: string): Promise<VisitorRow | undefined>;
  byId(siteId: string, id: string): Promise<VisitorRow | undefined>;
  update(siteId: string, id: string, changes: VisitorChanges): Promise<void>;
  customerById(siteId: string, id: string): Promise<CustomerRow | undefined>;
  /** Creates the customer on first sight, or refreshes the name and email the shop gave. */
  upsertCustomer(row: CustomerRow): Promise<CustomerRow>;
  /** Every visitor (device) linked to a customer. */
  idsOfCustomer(siteId: string, customerId: string): Promise<string[]>;
  /** Every visitor linked to a customer, with the customer: what the service keeps in memory (see visitor-customers.ts). */
  linkedVisitors(): Promise<LinkedVisitor[]>;
}

/** A visitor the shop vouched for, and whom it vouched it is. */
export interface LinkedVisitor {
  visitorId: string;
  customer: CustomerRow;
}
