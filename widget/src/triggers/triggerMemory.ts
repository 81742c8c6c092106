import type { TriggerHistory } from '@mostrador/shared/triggers';
import type { KeyValueStore } from '../chat/visitorStorage.ts';

/** What this browser session remembers, in sessionStorage: rules fired, and where it landed from. */
interface SessionMemory {
  fired: string[];
  /** The landing page's referrer and UTM parameters (`utm_source` → `source`). */
  referrer: string;
  utm: Record<string, string>;
}

export interface TriggerMemory {
  readonly landing: Readonly<Pick<SessionMemory, 'referrer' | 'utm'>>;
  /** The caps' history, read afresh: another tab of the shop may have fired a rule meanwhile. */
  history(invitedThisPage: boolean): TriggerHistory;
  fired(ruleId: string, at: number): void;
}

/** Parsed JSON of the right kind, or null: storage may be missing, full, foreign or hand-edited. */
function load<T>(store: KeyValueStore | null, key: string, valid: (value: T) => boolean): T | null {
  try {
    const value = JSON.parse(store?.getItem(key) ?? 'null') as T | null;
    return value !== null && typeof value === 'object' && valid(value) ? value : null;
  } catch {
    return null;
  }
}

function save(store: KeyValueStore | null, key: string, value: unknown): void {
  try {
    store?.setItem(key, JSON.stringify(value));
  } catch {
    // Quota or access errors: the caps then hold for this page only.
  }
}

function utmOf(url: string): Record<string, string> {
  const utm: Record<string, string> = {};
  new URL(url).searchParams.forEach((value, name) => {
    if (name.startsWith('utm_')) utm[name.slice(4)] = value;
  });
  return utm;
}

/**
 * The frequency caps' memory: when each rule last fired for this visitor
 * (localStorage, per site, so "once per visitor" and "every N hours" hold
 * across visits), which rules fired in this browser session
 * (sessionStorage), and the session's referrer and UTM parameters, read
 * once from the page it landed on: on later pages of a shop the referrer is
 * the shop itself, and the URL seldom keeps its UTM parameters.
 */
export function createTriggerMemory(
  siteKey: string,
  local: KeyValueStore | null,
  session: KeyValueStore | null,
  landing: { url: string; referrer: string },
): TriggerMemory {
  const key = `mostrador:${siteKey}:triggers`;
  const memory = load<SessionMemory>(
    session,
    key,
    (m) => Array.isArray(m.fired) && typeof m.referrer === 'string' && !!m.utm && typeof m.utm === 'object',
  ) ?? { fired: [], referrer: landing.referrer, utm: utmOf(landing.url) };
  save(session, key, memory);
  // Without localStorage the times live here, for this page.
  let lastFiredAt: Record<string, number> = {};
  return {
    landing: memory,
    history: (invitedThisPage) => ({
      lastFiredAt: (lastFiredAt = load<Record<string, number>>(local, key, () => true) ?? lastFiredAt),
      firedThisSession: new Set(memory.fired),
      invitedThisPage,
    }),
    fired(ruleId, at) {
      lastFiredAt = { ...lastFiredAt, [ruleId]: at };
      save(local, key, lastFiredAt);
      memory.fired.push(ruleId);
      save(session, key, memory);
    },
  };
}
