import { z } from 'zod';
import { REPLY_LANGUAGES } from '../canned/placeholders.ts';
import { AttachmentInfo } from './attachments.ts';
import { Id, Timestamp } from './common.ts';
import { ProductCard } from './conversation.ts';
import { WebUrl } from './shop.ts';

/** Canned replies: the team's (shared) or one agent's (personal), optionally for one department. */
export const CANNED_BODY_MAX = 4000;
export const CANNED_SCOPES = ['shared', 'personal'] as const;
export const CannedScope = z.enum(CANNED_SCOPES);

/** What the agent types after `/`: letters, digits, `-` and `_`. */
export const CannedShortcut = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_-]+$/u);

const Body = z.string().max(CANNED_BODY_MAX);
export const CannedBodies = z
  .object({ ca: Body, es: Body, en: Body })
  .refine((bodies) => REPLY_LANGUAGES.some((language) => bodies[language].trim() !== ''), {
    message: 'A reply needs at least one version',
  });

export const CannedReply = z.object({
  id: Id,
  shortcut: CannedShortcut,
  title: z.string().trim().min(1).max(120),
  scope: CannedScope,
  /** Null: every department may use it. */
  departmentId: Id.nullable(),
  bodies: CannedBodies,
  /** The reply's one picture, if it has one: inserting the reply sends a copy of it with the message. */
  picture: AttachmentInfo.optional(),
  /**
   * The page URL of the reply's product, if it has one: inserting the reply attaches that product's card, and the
   * server builds the card from its catalogue when the message is sent.
   */
  productUrl: WebUrl.optional(),
  /** That product as the site's catalogue shows it now; absent when the catalogue no longer has it (nothing to attach). */
  product: ProductCard.optional(),
  updatedAt: Timestamp,
});
export type CannedReply = z.infer<typeof CannedReply>;

export const NewCannedReplyBody = CannedReply.omit({ id: true, updatedAt: true, picture: true, product: true }).extend({
  departmentId: Id.nullable().default(null),
  /** An image the author uploaded (`POST /api/attachments`) and has not sent; null on an update removes the picture. */
  pictureId: Id.nullable().optional(),
  /** A product page of the site's catalogue (`products:search`); null on an update removes the product. */
  productUrl: WebUrl.nullable().optional(),
});
export const UpdateCannedReplyBody = NewCannedReplyBody.partial();
export const CannedReplyParams = z.object({ replyId: Id });
export const CannedReplyBody = z.object({ reply: CannedReply });
/** What the agent may use, and the shop's name for `{{shop.name}}`. */
export const CannedReplyListBody = z.object({ replies: z.array(CannedReply), shopName: z.string() });
export type CannedReplyListBody = z.infer<typeof CannedReplyListBody>;

/** Telling the server a reply went into a message in this conversation: what the suggestions learn from. */
export const CannedUseBody = z.object({ conversationId: Id });
export type CannedUseBody = z.infer<typeof CannedUseBody>;
/** Suggestions for the visitor's last message in one conversation. */
export const CannedSuggestionsQuery = z.object({ conversationId: Id });
/** At most three replies, best first. */
export const CannedSuggestionsBody = z.object({ replies: z.array(CannedReply).max(3) });
export type CannedSuggestionsBody = z.infer<typeof CannedSuggestionsBody>;

/** CSV import: the file's text; answers how many rows were added and which lines were refused. */
export const CannedImportBody = z.object({ csv: z.string().max(2_000_000) });
/** CSV export, as JSON so every admin answer has one shape; the console saves it as a file. */
export const CannedExportBody = z.object({ csv: z.string() });
export const CannedImportResult = z.object({
  added: z.number().int().min(0),
  refused: z.array(z.object({ line: z.number().int().min(1), message: z.string() })),
});
export type CannedImportResult = z.infer<typeof CannedImportResult>;

export type CannedCreateInput = z.input<typeof NewCannedReplyBody>;
export type CannedUpdateInput = z.input<typeof UpdateCannedReplyBody>;
