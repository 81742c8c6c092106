import { z } from 'zod';
import { ClientId, Id, MessageBody } from './common.ts';
import { AgentRef, ConversationSummary, NoteEvent } from './conversation.ts';

/** Private notes, @mentions and tags: what agents keep to themselves about a conversation. */
export const MAX_MENTIONS = 10;
export const AddNote = z.object({
  conversationId: Id,
  clientId: ClientId,
  body: MessageBody,
  /** Colleagues the note mentions; each is told, even when not in the conversation. */
  mentions: z.array(Id).max(MAX_MENTIONS).default([]),
});

/** Someone mentioned the agent in a note. */
export const MentionCreated = z.object({
  conversationId: Id,
  visitorLabel: z.string(),
  note: NoteEvent,
  by: AgentRef,
});
export type MentionCreated = z.infer<typeof MentionCreated>;

export const TAG_MAX = 40;
export const TagName = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(TAG_MAX)
  .regex(/^[^,]+$/);
export const TagConversation = z.object({
  conversationId: Id,
  add: z.array(TagName).max(20).default([]),
  remove: z.array(TagName).max(20).default([]),
});

/** A conversation's tags changed (by an agent, or an admin's rename or merge). */
export const ConversationRetagged = z.object({ conversation: ConversationSummary });
export type ConversationRetagged = z.infer<typeof ConversationRetagged>;

export const TAG_COLOURS = ['grey', 'blue', 'green', 'amber', 'red', 'purple'] as const;
export const Tag = z.object({ id: Id, name: TagName, colour: z.enum(TAG_COLOURS) });
export type Tag = z.infer<typeof Tag>;
export const TagListBody = z.object({ tags: z.array(Tag) });
export type TagListBody = z.infer<typeof TagListBody>;
export const NewTagBody = Tag.omit({ id: true }).extend({ colour: Tag.shape.colour.default('grey') });
export const UpdateTagBody = Tag.omit({ id: true }).partial();
export const TagParams = z.object({ tagId: Id });
export const TagBody = z.object({ tag: Tag });
/** Every conversation tagged with the source gets the target instead; the source goes. */
export const MergeTagBody = z.object({ into: Id });
export type TagCreateInput = z.input<typeof NewTagBody>;
export type TagUpdateInput = z.input<typeof UpdateTagBody>;
