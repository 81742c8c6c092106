import { isOpenAt, nextOpening } from '@mostrador/shared/hours';
import type { ChatView } from '../chat/chatView.ts';

/**
 * Whether anyone can answer now, by the same schedule code as the server:
 * closed by the hours, or open with nobody online. `opensAt` is when the
 * hours open next (null when the hours are open but nobody is there, or
 * no opening is in sight).
 */
export function availabilityOf(view: ChatView, now: number): { closed: boolean; opensAt: number | null } {
  const schedule = (view.department ? view.hours?.departments[view.department] : undefined) ?? view.hours?.site ?? null;
  const openByHours = !schedule || isOpenAt(schedule, now);
  if (openByHours && view.onlineAgents?.any !== false) return { closed: false, opensAt: null };
  return { closed: true, opensAt: openByHours || !schedule ? null : nextOpening(schedule, now) };
}
