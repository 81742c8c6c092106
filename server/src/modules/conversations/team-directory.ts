import type { Candidate, NamedRef } from '../team/index.ts';

/** What conversations need to know about the team; the team module provides it. */
export interface TeamDirectory {
  candidates(siteId: string, departmentId: string | null): Candidate[];
  agentRef(agentId: string): NamedRef | null;
  capacityOf(agentId: string): number | null;
  departmentRef(departmentId: string | null): NamedRef | null;
  routingOf(departmentId: string | null): 'auto' | 'manual';
  departmentBySlug(siteId: string, slug: string): string | null;
  departmentIdsOf(agentId: string): string[];
}
