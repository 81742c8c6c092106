/** The Socket.IO rooms of conversations and the team: who hears what is decided by these names. */

export const visitorRoom = (visitorId: string) => `visitor:${visitorId}`;
/** Every widget open on a site: told when agents come and go, for the "agents online" trigger condition. */
export const siteVisitorsRoom = (siteId: string) => `site-visitors:${siteId}`;
/** Every agent of a site: presence, and the site-wide queue. */
export const siteAgentsRoom = (siteId: string) => `site:${siteId}`;
export const adminsRoom = (siteId: string) => `admins:${siteId}`;
export const agentRoom = (agentId: string) => `agent:${agentId}`;
export const departmentRoom = (departmentId: string) => `department:${departmentId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** The rooms an agent's sockets join: its own, its site's, its departments', and the admins'. */
export function agentRooms(
  agent: { agentId: string; siteId: string; role: 'admin' | 'agent' },
  departmentIds: readonly string[],
): string[] {
  return [
    agentRoom(agent.agentId),
    siteAgentsRoom(agent.siteId),
    ...departmentIds.map(departmentRoom),
    ...(agent.role === 'admin' ? [adminsRoom(agent.siteId)] : []),
  ];
}
