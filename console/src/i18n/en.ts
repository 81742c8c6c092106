/**
 * The source catalogue. Its keys are the type the other languages must match,
 * so a key missing from `ca` or `es` fails the build. `{name}` marks a value
 * filled in by `translate`.
 */
export const en = {
  'app.name': 'Mostrador',
  'app.loading': 'Loading…',

  'login.title': 'Sign in to the console',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.invalidCredentials': 'That email and password do not match an agent.',
  'login.invalidInput': 'Enter a valid email address and a password.',
  'login.failed': 'Could not sign in. Check your connection and try again.',
  'login.sessionEnded': 'Your session has ended. Please sign in again.',

  'header.signedInAs': 'Signed in as {name}',
  'header.logout': 'Log out',
  'header.language': 'Language',

  'connection.reconnecting': 'Reconnecting…',
  'connection.connecting': 'Connecting…',

  'inbox.label': 'Conversations',
  'inbox.tabOpen': 'Open',
  'inbox.tabClosed': 'Closed',
  'inbox.emptyOpen': 'No open conversations. New ones will appear here.',
  'inbox.emptyClosed': 'No closed conversations yet.',
  'inbox.noMessages': 'No messages yet',
  'inbox.unread': '{count} unread',
  'inbox.typing': 'typing…',
  'inbox.youPrefix': 'You: {body}',
  'inbox.shortcutHint': 'Alt+↑ / Alt+↓ to move between conversations',
  'inbox.loadFailed': 'Could not load the conversations.',

  'conversation.none': 'Select a conversation to read and reply.',
  'conversation.statusOpen': 'Open',
  'conversation.statusClosed': 'Closed',
  'conversation.close': 'Close conversation',
  'conversation.closing': 'Closing…',
  'conversation.closeFailed': 'Could not close the conversation. Try again.',
  'conversation.historyLabel': 'Messages with {name}',
  'conversation.loading': 'Loading messages…',
  'conversation.empty': 'No messages yet.',
  'conversation.closedNotice': 'This conversation is closed.',
  'conversation.visitorTyping': 'Visitor is typing…',
  'conversation.systemOpened': 'Conversation opened',
  'conversation.systemClosed': 'Conversation closed',
  'conversation.authorVisitor': 'Visitor',
  'conversation.authorAgent': 'Agent',

  'composer.label': 'Reply',
  'composer.placeholder': 'Write a reply… (Enter to send, Shift+Enter for a new line)',
  'composer.send': 'Send',
  'composer.remaining': '{count} characters left',
  'composer.overLimit': '{count} characters over the limit',
  'composer.sending': 'Sending…',
  'composer.queued': 'Waiting for the connection…',
  'composer.failed': 'Not sent.',
  'composer.retry': 'Retry',
} as const;

export type MessageKey = keyof typeof en;

/** What every language provides: one string for each key of the source. */
export type Catalogue = { readonly [Key in MessageKey]: string };
