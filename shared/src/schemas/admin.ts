import { z } from 'zod';
import { AgentRole, AgentSummary, Department, MAX_CAPACITY, ROUTING_MODES } from './agent.ts';
import { AttachmentSettings } from './attachments.ts';
import { Id } from './common.ts';
import { RetentionDays } from './privacy.ts';

/** Admin pages: agents, departments and the site's widget settings. */
export const NewAgentBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(80),
  role: AgentRole,
  password: z.string().min(8).max(200),
  capacity: z.number().int().min(1).max(MAX_CAPACITY).default(3),
  departmentIds: z.array(Id).default([]),
});

export const UpdateAgentBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    role: AgentRole,
    password: z.string().min(8).max(200),
    capacity: z.number().int().min(1).max(MAX_CAPACITY),
    departmentIds: z.array(Id),
    /** false deactivates: every session ends and the agent's chats return to the queue. */
    active: z.boolean(),
  })
  .partial();

export const AgentParams = z.object({ agentId: Id });
export const AgentBody = z.object({ agent: AgentSummary });
export const AgentListBody = z.object({ agents: z.array(AgentSummary) });

export const NewDepartmentBody = z.object({
  slug: Department.shape.slug,
  name: Department.shape.name,
  routing: z.enum(ROUTING_MODES).default('auto'),
});
export const UpdateDepartmentBody = z.object({ name: Department.shape.name, routing: z.enum(ROUTING_MODES) }).partial();
export const DepartmentParams = z.object({ departmentId: Id });
export const DepartmentBody = z.object({ department: Department });
export const DepartmentListBody = z.object({ departments: z.array(Department) });

/** Ask before any chat: nothing, an email, or a name and an email. */
export const PRE_CHAT_MODES = ['off', 'email', 'name_email'] as const;
export const PreChatMode = z.enum(PRE_CHAT_MODES);
export type PreChatMode = z.infer<typeof PreChatMode>;

export const SiteSettings = z.object({
  name: z.string().trim().min(1).max(80),
  key: z.string(),
  allowedOrigins: z.array(z.string().max(200)),
  /** Ask the visitor to pick a department before the first message. */
  departmentChoice: z.boolean(),
  /** Agents see the visitor's draft as it is typed; off: only "is typing". */
  typingPreview: z.boolean(),
  /** Refuse `identify` calls without a valid hash. */
  identityEnforced: z.boolean(),
  /** The HMAC key the shop's server signs customer ids with; shown to admins only. */
  identitySecret: z.string(),
  /** Closed conversations older than this many days are deleted; null keeps them. */
  conversationRetentionDays: RetentionDays,
  /** Page trails and cart histories older than this many days are deleted; null keeps them. */
  trailRetentionDays: RetentionDays,
  /** Ask the shopper for a rating (1–5, optional comment) when a conversation ends. */
  ratingEnabled: z.boolean(),
  /** Ask again when a reopened conversation ends again; off: once per conversation. */
  ratingAskAgain: z.boolean(),
  /** Ask the NPS question (0–10) at the end of a chat, at most once in 90 days per visitor or customer. */
  npsEnabled: z.boolean(),
  /** The pre-chat form: what the visitor must give before their first message (what the shop knows is never asked again). */
  preChat: PreChatMode,
  /** Attachments: the largest file, the families accepted, and whether shoppers may send files. */
  ...AttachmentSettings.shape,
});
export type SiteSettings = z.infer<typeof SiteSettings>;
export const UpdateSiteBody = SiteSettings.omit({ key: true, identitySecret: true }).partial();

/** A shop origin whose widget was refused lately: the merchant's cue to allow it (or not). */
export const RefusedOrigin = z.object({
  origin: z.string(),
  /** Epoch ms of the latest refused handshake. */
  lastSeenAt: z.number().int(),
  /** Refused handshakes since the server started (or since it was last allowed). */
  count: z.number().int().min(1),
});
export type RefusedOrigin = z.infer<typeof RefusedOrigin>;
export const RefusedOriginsBody = z.object({ origins: z.array(RefusedOrigin) });
export type RefusedOriginsBody = z.infer<typeof RefusedOriginsBody>;
/** Adds one origin to the site's allowed origins; answers with the site's settings. */
export const AllowOriginBody = z.object({ origin: z.string().trim().min(1).max(200) });
export type AllowOriginBody = z.infer<typeof AllowOriginBody>;
export type AllowOriginInput = z.input<typeof AllowOriginBody>;

/*
 * The bodies the console sends, typed from the routes' own schemas. z.input, not z.infer: a client may
 * leave out what has a default, and sends the text before the schema trims it.
 */
export type AgentCreateInput = z.input<typeof NewAgentBody>;
export type AgentUpdateInput = z.input<typeof UpdateAgentBody>;
export type DepartmentCreateInput = z.input<typeof NewDepartmentBody>;
export type DepartmentUpdateInput = z.input<typeof UpdateDepartmentBody>;
/** The key and the identity secret are the server's to mint; the secret only changes by rotation. */
export type SiteUpdateInput = z.input<typeof UpdateSiteBody>;
