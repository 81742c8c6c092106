import { z } from 'zod';
import { ATTACHMENT_MAX_MB, ATTACHMENT_TYPES, MAX_ATTACHMENTS_PER_MESSAGE } from '../limits.ts';
import { ClientId, Id, Timestamp } from './common.ts';

/**
 * The families of file a site may accept, decided by the file's first bytes
 * (never its name or declared type). SVG, HTML, XML and executables are not
 * among them: those are always refused.
 */
export const AttachmentType = z.enum(ATTACHMENT_TYPES);
export type AttachmentType = z.infer<typeof AttachmentType>;

/** The default of a site's maximum attachment size, in megabytes (the ceiling is in limits.ts). */
export const ATTACHMENT_DEFAULT_MB = 20;
/** The longest file name kept (longer ones are cut, keeping the extension). */
export const ATTACHMENT_NAME_MAX = 200;

/** A stored file as every client sees it; its bytes are reached through a short-lived link (`AttachmentLink`). */
export const AttachmentInfo = z.object({
  id: Id,
  name: z.string().max(ATTACHMENT_NAME_MAX),
  /** The type the server found in the bytes, e.g. image/jpeg, application/pdf. */
  mime: z.string(),
  type: AttachmentType,
  size: z.number().int().nonnegative(),
});
export type AttachmentInfo = z.infer<typeof AttachmentInfo>;

/** The ids of files uploaded earlier, sent with a message (`message:send`). */
export const AttachmentIds = z.array(Id).min(1).max(MAX_ATTACHMENTS_PER_MESSAGE);

/** An upload's answer: the stored file, the same for a retried upload with the same client id. */
export const UploadedAttachment = z.object({ attachment: AttachmentInfo });
export type UploadedAttachment = z.infer<typeof UploadedAttachment>;

/** The query of an upload (`POST /api/attachments`, the body is the file's raw bytes). */
export const UploadQuery = z.object({
  /** The client's id for this upload: a retry with the same one stores the file once. */
  clientId: ClientId,
  name: z.string().trim().min(1).max(1000),
});

/**
 * A link to a file's bytes, valid until `expiresAt`; ask again for a fresh one.
 * A picture's link has `thumbUrl` too: a WebP at most 320 px on its longest
 * side, for the history (the full picture while its thumbnail is not made).
 */
export const AttachmentLink = z.object({ url: z.string(), thumbUrl: z.string().optional(), expiresAt: Timestamp });
export type AttachmentLink = z.infer<typeof AttachmentLink>;

/** The query of a signed file link (`GET /api/attachments/:id/file`). */
export const SignedFileQuery = z.object({
  exp: z.coerce.number().int(),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  /** Ask for a download even for an image. */
  download: z.literal('1').optional(),
  /** A picture's thumbnail (signed as part of the link). */
  variant: z.literal('thumb').optional(),
});

/**
 * What the widget needs to offer uploads: the largest file (bytes) and the
 * families accepted. Sent in the visitor's session only when the site lets
 * shoppers send files.
 */
export const WidgetAttachments = z.object({
  maxBytes: z.number().int().positive(),
  types: z.array(AttachmentType),
});
export type WidgetAttachments = z.infer<typeof WidgetAttachments>;

/** A site's attachment rules (Admin → Site). */
export const AttachmentSettings = z.object({
  /** The largest file accepted, in megabytes. */
  attachmentMaxMb: z.number().int().min(1).max(ATTACHMENT_MAX_MB),
  /** Which families of file are accepted, from agents and shoppers alike. */
  attachmentTypes: z.array(AttachmentType),
  /** Shoppers may send files (agents always may, within the limits above). */
  visitorUploads: z.boolean(),
});
export type AttachmentSettings = z.infer<typeof AttachmentSettings>;
