import type { AgentRole } from '../schemas/agent.ts';

/** Events between server processes (scale-out mode); none yet. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- Socket.IO's own shape for "no events yet"
export interface InterServerEvents {}

/** What the server remembers about a visitor socket after its handshake. */
export interface VisitorSocketData {
  siteId: string;
  visitorId: string;
  /** The token to tell the widget in `session:established` (minted or presented). */
  token: string;
  label: string;
  /** The widget shows the invitations the server sends (handshake `triggers: 'server'`). */
  serverTriggers: boolean;
}

/** What the server remembers about an agent socket after its handshake. */
export interface AgentSocketData {
  siteId: string;
  agentId: string;
  name: string;
  role: AgentRole;
  sessionId: string;
}
