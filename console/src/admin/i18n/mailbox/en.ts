/** The demo's local mailbox page. */
export const mailboxEn = {
  'admin.tabMailbox': 'Mailbox',
  'mailbox.heading': 'Local mailbox',
  'mailbox.intro':
    'No SMTP server is configured, so mail to customers is kept here instead of being sent. Set SMTP_HOST (see the README) to send it for real.',
  'mailbox.smtp': 'Mail goes to the SMTP server configured for this install; nothing is kept here.',
  'mailbox.empty': 'No mail yet. An agent’s reply to a customer who left, or a transcript, appears here.',
  'mailbox.to': 'To',
  'mailbox.from': 'From',
  'mailbox.replyTo': 'Reply-To',
  'mailbox.sent': 'Sent',
  'mailbox.html': 'HTML part (source)',
} as const;

export type MailboxCatalogue = { readonly [Key in keyof typeof mailboxEn]: string };
