import type { AgentProfile } from '@mostrador/shared';

/**
 * What the auth plugin and the agents module share, kept apart from both so
 * neither imports the other: the plugin only needs something that turns a
 * cookie into an agent, and the agents module provides it.
 */
export const SESSION_COOKIE = 'mostrador_session';

export interface AuthenticatedAgent {
  profile: AgentProfile;
  siteId: string;
  /** Identifies the login session (a hash of its token), so its sockets can be ended at logout. */
  sessionId: string;
}

/** Resolves a session cookie's token to its agent, or null when the session is missing, expired or ended. */
export interface SessionLookup {
  bySessionToken(token: string): Promise<AuthenticatedAgent | null>;
}
