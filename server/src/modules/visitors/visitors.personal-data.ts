import type { PersonalDataSource, SubjectResolver } from '../privacy/index.ts';

/**
 * The visitors module's part in the privacy registry, on either engine
 * (visitors.personal-data.test.ts holds both to one contract): visitors and
 * customers (who someone is), and their page trail, carts and cart history
 * (what they did). Every query is bounded by the site.
 */
export interface VisitorsPersonalData {
  /**
   * A visitor, or a customer with every visitor linked to it. A visitor's
   * customer is theirs alone only when no other device is linked to it.
   */
  resolve: SubjectResolver;
  /** Who they are: the visitor rows (less the token's hash, a credential) and the customer. */
  readonly identities: PersonalDataSource;
  /** What they did: pages seen, the cart and its history. Old trails follow the site's trail retention. */
  readonly activity: PersonalDataSource;
}
