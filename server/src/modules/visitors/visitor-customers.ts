import type { VisitorIdentity } from '@mostrador/shared';
import type { CustomerRow, LinkedVisitor } from './visitors.repository.ts';

/** A verified identity as the widget and the console show it. */
export function verifiedIdentity(customer: CustomerRow): VisitorIdentity {
  return { customerId: customer.externalId, name: customer.name, email: customer.email, verified: true };
}

/**
 * Which visitors the shop vouched for, and as whom, in memory: the contacts
 * (can this visitor be reached?) and the NPS question (has this customer
 * answered on another device?) ask synchronously, on the widget's connection
 * and inside the message path's step. Filled with one read before the app
 * serves, and refreshed by each identify, each arrival that reads the
 * customer, and each erasure. It grows with the shop's verified visitors, as
 * the contacts' copy does. A link made on another node is read here when
 * that node tells so, and again whenever the visitor arrives here (the
 * arrival reads the customer).
 */
export class VisitorCustomers {
  /** By id: one row per customer, so a name the shop changes shows on all its devices. */
  readonly #customers = new Map<string, CustomerRow>();
  readonly #customerOf = new Map<string, string>();

  fill(linked: readonly LinkedVisitor[]): void {
    for (const { visitorId, customer } of linked) this.link(visitorId, customer);
  }

  /** The customer the visitor is linked to; undefined for a visitor of another site, as for one nobody vouched for. */
  of(siteId: string, visitorId: string): CustomerRow | undefined {
    const customerId = this.#customerOf.get(visitorId);
    const customer = customerId === undefined ? undefined : this.#customers.get(customerId);
    return customer?.siteId === siteId ? customer : undefined;
  }

  link(visitorId: string, customer: CustomerRow): void {
    this.#customers.set(customer.id, customer);
    this.#customerOf.set(visitorId, customer.id);
  }

  /** Erased visitors; a customer no visitor links to any more goes with them. */
  unlink(visitorIds: readonly string[]): void {
    const customerIds = new Set<string>();
    for (const id of visitorIds) {
      const customerId = this.#customerOf.get(id);
      if (customerId !== undefined) customerIds.add(customerId);
      this.#customerOf.delete(id);
    }
    if (customerIds.size === 0) return;
    for (const customerId of this.#customerOf.values()) customerIds.delete(customerId);
    for (const customerId of customerIds) this.#customers.delete(customerId);
  }
}
