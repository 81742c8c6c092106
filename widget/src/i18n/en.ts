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
  unavailable: 'Chat is not available on this page',
  statusClosed: 'The conversation was closed',
  statusOpen: 'The conversation is open',
  you: 'You',
  agentFallbackName: 'Agent',
  joined: '{name} joined the chat',
  left: '{name} left the chat',
  leftOffline: '{name} left the chat. We are finding someone else to help you.',
  queued: "You're in the queue; an agent will be with you shortly",
  queuedFor: "You're in the queue for {department}; an agent will be with you shortly",
  transferred: "You've been transferred to another agent",
  transferredTo: "You've been transferred to {department}",
  requeued: 'Waiting for the next available agent',
  queuePosition: 'You are number {position} in line',
  waitShort: 'less than a minute',
  waitMinutes: 'about {count} min',
  departmentPrompt: 'What can we help you with?',
  teaserDismiss: 'Dismiss message',
  throttled: "One moment: we'll send your message shortly.",
} as const;

export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: string };
