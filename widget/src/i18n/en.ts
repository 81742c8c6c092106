/**
 * The source catalogue. Its keys define `Messages`; the other languages are
 * typed against it, so a missing or extra key fails the build.
 * Placeholders are written `{name}` and filled by `translate`.
 */
export const en = {
  launcherOpen: 'Open chat',
  launcherClose: 'Close chat',
  unreadCount: '{count} unread',
  panelTitle: 'Chat',
  minimize: 'Minimize chat',
  endChat: 'End chat',
  greeting: 'Hi! Send us a message and we will answer here.',
  messagesLabel: 'Messages',
  composerLabel: 'Your message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  sending: 'Sending…',
  failed: 'Not sent.',
  retry: 'Retry',
  charsLeft: '{count} characters left',
  charsOver: '{count} characters over the limit',
  typing: '{name} is typing…',
  reconnecting: 'Reconnecting…',
  statusClosed: 'The conversation was closed',
  statusOpen: 'The conversation is open',
  you: 'You',
  agentFallbackName: 'Agent',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: string };
