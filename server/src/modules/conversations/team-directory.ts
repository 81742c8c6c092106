import type { AgentPicture } from '@mostrador/shared';
import type { Candidate, NamedRef } from '../team/index.ts';

/**
 * What conversations need to know about the team; the team module provides
 * it. Every lookup is within one site: another site's agent or department
 * is not found, like a missing one.
 */
export interface TeamDirectory {
  candidates(siteId: string, departmentId: string | null): Candidate[];
  agentRef(siteId: string, agentId: string): NamedRef | null;
  /** The agent's picture path, or null for initials. */
  pictureOf(siteId: string, agentId: string): AgentPicture;
  capacityOf(siteId: string, agentId: string): number | null;
  departmentRef(siteId: string, departmentId: string | null): NamedRef | null;
  routingOf(siteId: string, departmentId: string | null): 'auto' | 'manual';
  departmentBySlug(siteId: string, slug: string): string | null;
  departmentIdsOf(siteId: string, agentId: string): string[];
}
