/**
 * Remembers, per agent, the last seq seen of each conversation, so unread
 * counts stay true across a logout or a closed tab.
 */
const keyFor = (agentId: string) => `mostrador.console.viewed.${agentId}`;

export function loadViewedSeqs(agentId: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyFor(agentId)) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const viewed: Record<string, number> = {};
    for (const [id, seq] of Object.entries(parsed)) {
      if (typeof seq === 'number' && Number.isInteger(seq)) viewed[id] = seq;
    }
    return viewed;
  } catch {
    return {};
  }
}

export function saveViewedSeqs(agentId: string, viewed: Readonly<Record<string, number>>): void {
  try {
    localStorage.setItem(keyFor(agentId), JSON.stringify(viewed));
  } catch {
    // Storage can be full or disabled; unread counts then last only as long as the page.
  }
}
