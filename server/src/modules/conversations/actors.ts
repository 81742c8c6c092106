import type { AgentRole } from '@mostrador/shared';

/** Who is acting, as established by the socket handshake or the session cookie. */
export interface VisitorActor {
  kind: 'visitor';
  visitorId: string;
  siteId: string;
  label: string;
  /** The socket acting, when it is one: it hears of its own message in the ack, so broadcasts skip it. */
  connectionId?: string;
}

export interface AgentActor {
  kind: 'agent';
  agentId: string;
  siteId: string;
  name: string;
  role: AgentRole;
  /** The socket acting, when it is one: it hears of its own message in the ack, so broadcasts skip it. */
  connectionId?: string;
}
