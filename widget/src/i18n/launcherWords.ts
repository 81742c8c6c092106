import type { Messages } from './catalogue.ts';

/** The only words the widget shows before the panel loads: the launcher's label and its unread count. */
export const LAUNCHER_KEYS = ['launcherOpen', 'launcherClose', 'unreadCount'] as const;
export type LauncherWords = Pick<Messages, (typeof LAUNCHER_KEYS)[number]>;

/** A catalogue's launcher words; the build bakes every language's into widget.js, so no catalogue is fetched before the panel. */
export function launcherWordsOf(messages: Messages): LauncherWords {
  return Object.fromEntries(LAUNCHER_KEYS.map((key) => [key, messages[key]])) as LauncherWords;
}
