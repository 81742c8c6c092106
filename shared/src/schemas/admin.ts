import { z } from 'zod';
import { AgentRole, AgentSummary, Department, MAX_CAPACITY, ROUTING_MODES } from './agent.ts';
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
export const UpdateDepartmentBody = z
  .object({ name: Department.shape.name, routing: z.enum(ROUTING_MODES) })
  .partial();
export const DepartmentParams = z.object({ departmentId: Id });
export const DepartmentBody = z.object({ department: Department });
export const DepartmentListBody = z.object({ departments: z.array(Department) });

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
});
export type SiteSettings = z.infer<typeof SiteSettings>;
export const UpdateSiteBody = SiteSettings.omit({ key: true, identitySecret: true }).partial();
