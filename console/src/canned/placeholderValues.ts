import { firstName, type PlaceholderValues } from '@mostrador/shared/canned';
import { formatMoney } from '../components/visitor/format.ts';
import { isLanguage, type Language } from '../i18n/index.ts';
import type { FollowedVisitor } from '../state/consoleState.ts';

/**
 * The language a reply goes out in: the visitor's, when a version exists for it (as pickVersion chooses),
 * else the console's. Amounts are written that way, so a Catalan shopper reads "119,00 €" in a Catalan
 * sentence, not the agent's "€119.00".
 */
function replyLanguage(visitorLanguage: string | null | undefined, consoleLanguage: Language): Language {
  const primary = visitorLanguage?.toLowerCase().split('-')[0];
  return isLanguage(primary) ? primary : consoleLanguage;
}

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
    'cart.total': cart && cart.items.length > 0 ? formatMoney(cart.total, cart.currency, replyLanguage(profile?.language, language)) : null,
    // The page the visitor is on now (the trail's first entry while online).
    'product.name': profile?.online ? (profile.trail[0]?.product?.name ?? null) : null,
    // The newest purchase's number as the shop wrote it (a reply may put its own "#" before it); none told: the fallback.
    'order.number': profile?.lastOrder?.number ?? null,
  };
}
