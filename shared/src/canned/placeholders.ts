/**
 * Canned reply placeholders, filled in the console from what it already knows of the chat. Pure and
 * zod-free, so the console bundles it without the contract's schemas.
 *
 * - `{{visitor.first_name|there}}`: a value, with a fallback after `|` when the value is unknown;
 * - `{{ask:tracking number}}`: a fill-in prompt the agent must type over;
 * - a known value that is missing and has no fallback becomes a prompt too, so nothing half-filled is sent;
 * - an unknown name is left as written, so a typo in a reply shows instead of vanishing.
 */
export const PLACEHOLDER_NAMES = [
  'visitor.first_name',
  'visitor.name',
  'agent.name',
  'shop.name',
  'cart.total',
  'product.name',
  'order.number',
] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

/** What is known right now; null or absent: not known. */
export type PlaceholderValues = Partial<Record<PlaceholderName, string | null>>;

/** A stretch of the filled text the agent still has to type over. */
export interface AskRange {
  start: number;
  end: number;
  label: string;
}

export interface FilledReply {
  text: string;
  /** In text order; the composer selects the first one. */
  asks: AskRange[];
}

const PLACEHOLDER = /\{\{\s*([^{}|]+?)\s*(?:\|([^{}]*))?\}\}/g;

function isPlaceholderName(name: string): name is PlaceholderName {
  return (PLACEHOLDER_NAMES as readonly string[]).includes(name);
}

/** How a prompt reads in the composer until the agent types over it. */
export function askText(label: string): string {
  return `[${label}]`;
}

export function fillPlaceholders(template: string, values: PlaceholderValues): FilledReply {
  const asks: AskRange[] = [];
  let text = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    text += template.slice(last, match.index);
    last = match.index + match[0].length;
    const name = (match[1] ?? '').trim();
    const fallback = match[2]?.trim();
    const ask = (label: string) => {
      const shown = askText(label);
      asks.push({ start: text.length, end: text.length + shown.length, label });
      text += shown;
    };
    if (name.toLowerCase().startsWith('ask:')) {
      ask(name.slice(4).trim() || '…');
    } else if (!isPlaceholderName(name)) {
      text += match[0];
    } else {
      const value = values[name]?.trim();
      if (value) text += value;
      else if (fallback) text += fallback;
      else ask(name);
    }
  }
  return { text: text + template.slice(last), asks };
}

/** The first word of a name, for `visitor.first_name`. */
export function firstName(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

export const REPLY_LANGUAGES = ['ca', 'es', 'en'] as const;
export type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];
export type ReplyBodies = Readonly<Record<ReplyLanguage, string>>;

/**
 * The version for the visitor's language (a BCP 47 tag such as `ca-ES`); when that one is empty or the
 * language is not one of ours, the agent's console language, then the first version written.
 */
export function pickVersion(bodies: ReplyBodies, visitorLanguage: string | null, consoleLanguage: ReplyLanguage): string {
  const primary = visitorLanguage?.toLowerCase().split('-')[0];
  const order = [primary, consoleLanguage, ...REPLY_LANGUAGES];
  for (const language of order) {
    if (language && (REPLY_LANGUAGES as readonly string[]).includes(language)) {
      const body = bodies[language as ReplyLanguage];
      if (body.trim()) return body;
    }
  }
  return '';
}
