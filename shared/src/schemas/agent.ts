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

/** The logged-in agent as the console sees it; never carries the password hash. */
export const AgentProfile = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: AgentRole,
  site: SiteInfo,
});
export type AgentProfile = z.infer<typeof AgentProfile>;
