import type { agentPictures } from '../../db/schema.ts';

/** A row of `agent_pictures`; identical on both engines (schema-parity.test.ts). */
export type PictureRow = typeof agentPictures.$inferSelect;

/** The only code touching `agent_pictures`, on either engine (avatars.repository.test.ts holds both to one contract). */
export interface AvatarsRepository {
  /** Every site's pictures: the service keeps them all in memory. */
  all(): Promise<PictureRow[]>;
  /** The agent's picture row as the table has it now, if it is of that site (another node changed it). */
  ofAgent(siteId: string, agentId: string): Promise<PictureRow | undefined>;
  /**
   * One statement: the agent's row now names the new picture. A row of
   * another site's agent changes nothing; that the agent is of the row's
   * site at all is the service's check (AvatarPorts.agentExists).
   */
  replace(row: PictureRow): Promise<void>;
  /** Removes the agent's picture row, if it is of that site; having none is fine. */
  remove(siteId: string, agentId: string): Promise<void>;
}
