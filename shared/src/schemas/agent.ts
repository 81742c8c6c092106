import { z } from 'zod';
import { Id } from './common.ts';

export const AGENT_ROLES = ['admin', 'agent'] as const;
export const AgentRole = z.enum(AGENT_ROLES);
export type AgentRole = z.infer<typeof AgentRole>;

export const SiteInfo = z.object({
  id: Id,
  name: z.string(),
  key: z.string(),
});
export type SiteInfo = z.infer<typeof SiteInfo>;

export const AGENT_STATUSES = ['online', 'away', 'offline'] as const;
export const AgentStatus = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof AgentStatus>;
/** What an agent can choose; offline follows from having no console open. */
export const AgentAvailability = z.enum(['online', 'away']);
export type AgentAvailability = z.infer<typeof AgentAvailability>;

export const DEFAULT_CAPACITY = 3;
export const MAX_CAPACITY = 50;

/**
 * Where an agent's picture is served: a path on the chat server with a random
 * id (`/avatars/<id>`), a new one each time it is replaced; null: none, so
 * initials. Clients resolve it against the server's origin.
 */
export const AgentPicture = z
  .string()
  .regex(/^\/avatars\/[A-Za-z0-9_-]{16,64}$/)
  .nullable();
export type AgentPicture = z.infer<typeof AgentPicture>;
/** `PUT`/`DELETE /api/account/picture` and `/api/admin/agents/:agentId/picture` answer with the picture now. */
export const AgentPictureBody = z.object({ picture: AgentPicture });
export type AgentPictureBody = z.infer<typeof AgentPictureBody>;

/** The logged-in agent as the console sees it; never carries the password hash. */
export const AgentProfile = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: AgentRole,
  capacity: z.number().int().min(1).max(MAX_CAPACITY),
  departmentIds: z.array(Id),
  site: SiteInfo,
  /** The agent's picture (a path under the server, `/avatars/<random id>`); null or absent: initials. */
  picture: AgentPicture.optional(),
});
export type AgentProfile = z.infer<typeof AgentProfile>;

/** A colleague as the team list shows it: for transfers, invitations and the admin pages. */
export const AgentSummary = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: AgentRole,
  status: AgentStatus,
  /**
   * What the conversations assigned now count against `capacity`: a live chat 1, a ticket TICKET_WEIGHT
   * (0 to 1, 0.5 by default), so not always a whole number; routing and transfers compare it with capacity.
   */
  load: z.number().min(0),
  capacity: z.number().int().min(1).max(MAX_CAPACITY),
  departmentIds: z.array(Id),
  /** False once an admin deactivated the agent: no login, no sessions, no chats. */
  active: z.boolean(),
  /** The agent's picture; null or absent: initials. */
  picture: AgentPicture.optional(),
});
export type AgentSummary = z.infer<typeof AgentSummary>;

export const ROUTING_MODES = ['auto', 'manual'] as const;
export const Department = z.object({
  id: Id,
  /** What the shop passes to Mostrador('setDepartment', slug). */
  slug: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9-]+$/),
  name: z.string().min(1).max(80),
  /** auto: assigned to the least-loaded online agent; manual: agents take from the queue. */
  routing: z.enum(ROUTING_MODES),
});
export type Department = z.infer<typeof Department>;
