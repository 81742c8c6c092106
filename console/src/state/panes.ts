/** At most this many conversations are open side by side; opening another replaces one. */
export const MAX_PANES = 3;

/**
 * The conversations open as panes: `open` in display order, `recent` the same
 * ids most recently focused first, so the least recently focused is last.
 */
export interface Panes {
  readonly open: readonly string[];
  readonly recent: readonly string[];
}

export const noPanes: Panes = { open: [], recent: [] };

export function focusedPane(panes: Panes): string | null {
  return panes.recent[0] ?? null;
}

/** Opens (or just focuses) a conversation; past MAX_PANES the least recently focused pane gives way, in place. */
export function openPane(panes: Panes, id: string, max = MAX_PANES): Panes {
  if (panes.open.includes(id)) return focusPane(panes, id);
  if (panes.open.length < max) return { open: [...panes.open, id], recent: [id, ...panes.recent] };
  const evicted = panes.recent.at(-1);
  return {
    open: panes.open.map((openId) => (openId === evicted ? id : openId)),
    recent: [id, ...panes.recent.filter((openId) => openId !== evicted)],
  };
}

export function focusPane(panes: Panes, id: string): Panes {
  if (!panes.open.includes(id) || panes.recent[0] === id) return panes;
  return { ...panes, recent: [id, ...panes.recent.filter((openId) => openId !== id)] };
}

/** Closes a pane; focus returns to the one focused before it. */
export function closePane(panes: Panes, id: string): Panes {
  if (!panes.open.includes(id)) return panes;
  return { open: panes.open.filter((openId) => openId !== id), recent: panes.recent.filter((openId) => openId !== id) };
}

/**
 * Where Alt+↑ (-1) / Alt+↓ (+1) goes: the neighbouring open pane when there
 * is one that way; past the last (or first) pane, the neighbouring
 * conversation of the visible list, so the list can be walked too.
 */
export function stepTarget(panes: Panes, listIds: readonly string[], step: -1 | 1): string | null {
  const focused = focusedPane(panes);
  if (focused !== null) {
    const neighbour = panes.open[panes.open.indexOf(focused) + step];
    if (neighbour !== undefined) return neighbour;
  }
  if (listIds.length === 0) return null;
  const index = focused === null ? -1 : listIds.indexOf(focused);
  if (index === -1) return step === 1 ? (listIds[0] ?? null) : (listIds.at(-1) ?? null);
  return listIds[index + step] ?? null;
}
