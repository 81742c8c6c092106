import { z } from 'zod';
import { CLIENT_ID_MAX, CLIENT_ID_MIN, MAX_MESSAGE_CHARS } from '../limits.ts';

/** Server-minted identifiers: a short prefix and random base64url characters. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z]+_[A-Za-z0-9_-]+$/);

export const ClientId = z
  .string()
  .min(CLIENT_ID_MIN)
  .max(CLIENT_ID_MAX)
  .regex(/^[A-Za-z0-9_-]+$/);

export const MessageBody = z
  .string()
  .max(MAX_MESSAGE_CHARS)
  .refine((body) => body.trim().length > 0, { message: 'A message cannot be empty' });

export const Seq = z.number().int().min(0);
/** Milliseconds since the epoch. */
export const Timestamp = z.number().int();

/** A message's text as stored and told: may be empty when the message carries files. */
export const MessageText = z.string().max(MAX_MESSAGE_CHARS);

/** A message's words, files and product card: any of them, never none. */
export const hasContent = (m: { body: string; attachments?: readonly unknown[] | undefined; product?: unknown }) =>
  m.body.trim().length > 0 || (m.attachments?.length ?? 0) > 0 || m.product !== undefined;
