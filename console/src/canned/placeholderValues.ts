import { firstName, type PlaceholderValues } from '@mostrador/shared/canned';
import { formatMoney } from '../components/visitor/format.ts';
import type { Language } from '../i18n/index.ts';
import type { FollowedVisitor } from '../state/consoleState.ts';

/** What the console knows right now, from the visitor panel's live profile: nothing is fetched for it. */
export function placeholderValues(
  visitor: FollowedVisitor | undefined,
  known: { agentName: string; shopName: string },
  language: Language,
): PlaceholderValues {
  const profile = visitor?.phase === 'ready' ? visitor.profile : null;
  const cart = profile?.cart;
  return {
    'visitor.first_name': firstName(profile?.identity.name),
    'visitor.name': profile?.identity.name ?? null,
    'agent.name': known.agentName,
    'shop.name': known.shopName,
    'cart.total': cart && cart.items.length > 0 ? formatMoney(cart.total, cart.currency, language) : null,
    // The page the visitor is on now (the trail's first entry while online).
    'product.name': profile?.online ? (profile.trail[0]?.product?.name ?? null) : null,
    // The newest purchase's number as the shop wrote it (a reply may put its own "#" before it); none told: the fallback.
    'order.number': profile?.lastOrder?.number ?? null,
  };
}
