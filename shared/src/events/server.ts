import type { AgentRole } from '../schemas/agent.ts';

/** Events between server processes (scale-out mode); none yet. */
export interface InterServerEvents {}

/** What the server remembers about a visitor socket after its handshake. */
export interface VisitorSocketData {
  siteId: string;
  visitorId: string;
  /** Set only when the handshake minted a new visitor, so the token can be told once. */
  issuedToken: string | null;
}

/** What the server remembers about an agent socket after its handshake. */
export interface AgentSocketData {
  siteId: string;
  agentId: string;
  name: string;
  role: AgentRole;
}
