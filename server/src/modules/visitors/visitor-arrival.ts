import type { ActivityRepository } from './activity.repository.ts';
import type { ArrivingVisitor } from './live-visitors.ts';
import { cartSummary, triggerCart } from './visitor-carts.ts';
import type { VisitorRow } from './visitors.repository.ts';
import type { VisitorsService } from './visitors.service.ts';

/**
 * What the live list needs of a widget's visitor, read in the handshake
 * (which may wait on the database) so that its connection is served at once:
 * the visitor as the list shows it, or, for a visitor listed already, that
 * entry (used only if the visitor left meanwhile).
 */
export interface VisitorArrival {
  visitor: VisitorRow;
  listed: Omit<ArrivingVisitor, 'conversationId'>;
}

/** A visitor as the live list shows it on arrival: its cart, identity and visit so far, read side by side. */
export async function readArrival(
  visitors: Pick<VisitorsService, 'identityOf'>,
  activity: Pick<ActivityRepository, 'cartOf' | 'visitSince'>,
  visitor: VisitorRow,
): Promise<VisitorArrival['listed']> {
  const { siteId, id } = visitor;
  const [cart, identity, visit] = await Promise.all([
    activity.cartOf(siteId, id),
    visitors.identityOf(visitor),
    activity.visitSince(siteId, id, visitor.visitStartedAt),
  ]);
  return {
    id,
    siteId,
    label: visitor.label,
    identity,
    visitStartedAt: visitor.visitStartedAt,
    returning: visitor.visits > 1,
    device: visitor.device ?? { type: 'desktop', os: null, browser: null },
    pagesViewed: visit.pagesViewed,
    // The visit's first page, for the trigger rules; a visit with no page yet learns it from its first.
    ...(visit.pagesViewed > 0 && { landing: visit.landing }),
    cart: cartSummary(cart),
    // A checkout left earlier counts from this page, not from when it began: the visitor just came back.
    ...triggerCart(cart && { ...cart, updatedAt: Date.now() }),
    language: visitor.language,
    timeZone: visitor.timeZone,
  };
}
