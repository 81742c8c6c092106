import type { AgentRole } from '@mostrador/shared';

/** Who is acting, as established by the socket handshake or the session cookie. */
export interface VisitorActor {
  kind: 'visitor';
  visitorId: string;
  siteId: string;
  label: string;
}

export interface AgentActor {
  kind: 'agent';
  agentId: string;
  siteId: string;
  name: string;
  role: AgentRole;
}
