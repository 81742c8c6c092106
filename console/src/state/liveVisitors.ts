import type { LiveVisitor, VisitorsChanged } from '@mostrador/shared';

export type VisitorsById = Readonly<Record<string, LiveVisitor>>;

export type VisitorSortKey = 'cart' | 'timeOnSite';
export type SortDirection = 'ascending' | 'descending';
export interface VisitorSort {
  key: VisitorSortKey;
  direction: SortDirection;
}

/** Who is worth a word first: the biggest carts. */
export const DEFAULT_VISITOR_SORT: VisitorSort = { key: 'cart', direction: 'descending' };

export function visitorsById(visitors: readonly LiveVisitor[]): VisitorsById {
  return Object.fromEntries(visitors.map((visitor) => [visitor.id, visitor]));
}

/** Folds one `visitors:changed` fact into the list: upserts what changed, removes who left. */
export function applyVisitorsChanged(visitors: VisitorsById, { updated, left }: VisitorsChanged): VisitorsById {
  if (updated.length === 0 && left.length === 0) return visitors;
  const next: Record<string, LiveVisitor> = { ...visitors };
  for (const visitor of updated) next[visitor.id] = visitor;
  for (const id of left) delete next[id];
  return next;
}

/** A visitor without a cart sorts as an empty one. */
function cartValue(visitor: LiveVisitor): number {
  return visitor.cart?.total ?? 0;
}

/** Longer on the site means an earlier start, so time on site sorts by the start reversed. */
function timeOnSite(visitor: LiveVisitor): number {
  return -visitor.visitStartedAt;
}

const VALUE_OF: Readonly<Record<VisitorSortKey, (visitor: LiveVisitor) => number>> = {
  cart: cartValue,
  timeOnSite,
};

/** Sorted by the chosen column; ties go to whoever arrived first, then by id, so rows never swap at random. */
export function sortVisitors(visitors: VisitorsById, sort: VisitorSort): LiveVisitor[] {
  const valueOf = VALUE_OF[sort.key];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return Object.values(visitors).sort(
    (a, b) => sign * (valueOf(a) - valueOf(b)) || a.visitStartedAt - b.visitStartedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Clicking the sorted column flips it; another column starts with the largest values first. */
export function nextSort(current: VisitorSort, key: VisitorSortKey): VisitorSort {
  if (current.key !== key) return { key, direction: 'descending' };
  return { key, direction: current.direction === 'descending' ? 'ascending' : 'descending' };
}
