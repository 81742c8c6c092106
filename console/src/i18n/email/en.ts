/** Mail to shoppers, as the inbox shows it: the composer's "don't email" and the mails sent about a conversation. */
export const emailEn = {
  'composer.noEmail': 'Don’t email',
  'emails.heading': 'Emails to the customer',
  'emails.kind.replies': 'Replies',
  'emails.kind.transcript': 'Transcript',
  'emails.status.pending': 'Waiting to be sent (attempt {attempts})',
  'emails.status.sent': 'Sent',
  'emails.status.failed': 'Not delivered',
  'emails.status.bounced': 'Bounced',
  'emails.line': '{kind} to {to}, {when}: {status}',
  'emails.loadFailed': 'The emails could not be loaded.',
} as const;

export type EmailCatalogue = { readonly [Key in keyof typeof emailEn]: string };
