import { z } from 'zod';
import { Id } from './common.ts';

/** Where a mail to the shopper stands: waiting (retried with backoff), delivered, or given up on. */
export const EmailStatus = z.enum(['pending', 'sent', 'failed', 'bounced']);
export type EmailStatus = z.infer<typeof EmailStatus>;

/** One mail sent (or being sent) about a conversation, as the console shows it on the conversation. */
export const ConversationEmail = z.object({
  id: Id,
  kind: z.enum(['replies', 'transcript']),
  to: z.string(),
  status: EmailStatus,
  attempts: z.number().int(),
  /** The mail server's last answer when it failed, or the bounce's reason. */
  error: z.string().nullable(),
  createdAt: z.number(),
  sentAt: z.number().nullable(),
});
export type ConversationEmail = z.infer<typeof ConversationEmail>;
export const ConversationEmails = z.object({ emails: z.array(ConversationEmail) });
export type ConversationEmails = z.infer<typeof ConversationEmails>;

/** A mail kept in the local mailbox (no SMTP server configured): admins read it in the console. */
export const MailboxMail = z.object({
  id: Id,
  conversationId: Id,
  to: z.string(),
  from: z.string(),
  replyTo: z.string().nullable(),
  subject: z.string(),
  /** The plain-text part, shown as text; the HTML part is offered as its source, never rendered. */
  text: z.string(),
  html: z.string(),
  sentAt: z.number(),
});
export type MailboxMail = z.infer<typeof MailboxMail>;
export const Mailbox = z.object({
  /** `smtp`: mail goes to the configured server, and the local mailbox stays empty. */
  transport: z.enum(['smtp', 'mailbox']),
  mails: z.array(MailboxMail),
});
export type Mailbox = z.infer<typeof Mailbox>;

/** The shopper asks for the conversation's transcript by email; `email` when the shop does not know theirs yet. */
export const TranscriptRequest = z.object({
  conversationId: Id,
  email: z.email().max(254).optional(),
});
export type TranscriptRequest = z.infer<typeof TranscriptRequest>;
export const TranscriptQueued = z.object({ email: z.string() });
export type TranscriptQueued = z.infer<typeof TranscriptQueued>;
