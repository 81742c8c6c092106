import { describe, expect, it } from 'vitest';
import type { SessionEstablished } from '@mostrador/shared';
import {
  AGENT_PASSWORD,
  agentCommand,
  connectAgentAs,
  connected,
  connectVisitor,
  nextFact,
  visitorCommand,
  type AgentSocket,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * Who hears a conversation is decided by socket rooms (rooms.ts): a shopper
 * hears their own chat and nothing of another shopper's, on the same site or
 * another, and a site's admins hear nothing of another site. The other
 * side of each check is a fact the listener must hear after any leak would
 * have arrived (one socket's facts arrive in the order they were sent).
 */
const scope = serverPerTest();
const { sockets } = scope;

const ALWAYS_OPEN = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: '00:00', to: '24:00' }));

type Payload = { hours?: { site: { timeZone: string } | null }; conversation?: { id: string }; conversationId?: string } | undefined;

/** A fact as a line: its name, and the time zone or conversation it is about. */
const line = (name: string, payload: Payload) =>
  [name, payload?.hours?.site?.timeZone ?? payload?.conversation?.id ?? payload?.conversationId].filter(Boolean).join(' ');

/** A widget on a site, and every fact it hears. */
async function widget(siteKey: string) {
  const socket = connectVisitor(scope.server.url, { siteKey });
  sockets.push(socket);
  const established = nextFact<VisitorSocket, SessionEstablished>(socket, 'session:established');
  await connected(socket);
  const heard: string[] = [];
  socket.onAny((name: string, payload: Payload) => heard.push(line(name, payload)));
  return { socket, heard, ...(await established) };
}

/** A console, and every fact it hears. */
async function consoleOf(email: string) {
  const socket = await connectAgentAs(scope.server, email);
  sockets.push(socket);
  const heard: string[] = [];
  socket.onAny((name: string, payload: Payload) => heard.push(line(name, payload)));
  return { socket, heard };
}

/** The facts heard from `from` on, up to and with the first `marker`. */
const upTo = (heard: string[], from: number, marker: string) => heard.slice(from, heard.indexOf(marker, from) + 1);

/** Edits the site's hours: every widget of that site hears `hours:changed`, and no other. */
async function touchHours(siteId: string, timeZone: string) {
  const replaced = await scope.server.app.services.hours.replace(siteId, {
    site: { timeZone, weekly: ALWAYS_OPEN, holidays: [], closures: [] },
    departments: [],
  });
  if (!replaced.ok) throw new Error(replaced.error.message);
}

describe('who hears a conversation', () => {
  it('a shopper hears their own chat and nothing of another’s, on their site or another; an admin nothing of another site', async () => {
    const { services } = scope.server.app;
    const siteId = services.sites.byKey(scope.server.siteKey)!.id;
    const other = await services.sites.create({ name: 'Other shop', allowedOrigins: ['https://shop.example'] });
    const otherAdmin = await services.agents.create({
      siteId: other.id,
      email: 'boss@other.example',
      name: 'Boss',
      role: 'admin',
      password: AGENT_PASSWORD,
    });
    if (!otherAdmin.ok) throw new Error(otherAdmin.error.message);
    const boss = await consoleOf('boss@other.example');
    const marta = await consoleOf(scope.server.agentEmail);

    const anna = await widget(scope.server.siteKey);
    const neighbour = await widget(scope.server.siteKey);
    const elsewhere = await widget(other.key);
    const [neighbourFrom, elsewhereFrom, bossFrom] = [neighbour.heard.length, elsewhere.heard.length, boss.heard.length];

    const sent = await visitorCommand(anna.socket, 'message:send', { clientId: 'anna-00001', body: 'On és el meu paquet?' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    const answer = nextFact<VisitorSocket, { event: { body?: string } }>(anna.socket, 'message:created');
    await agentCommand(marta.socket, 'typing:set', { conversationId, typing: true });
    expect((await agentCommand(marta.socket, 'message:send', { conversationId, clientId: 'marta-0001', body: 'Ja surt' })).ok).toBe(true);
    expect((await answer).event.body).toBe('Ja surt');

    // Marta steps away: her site's consoles hear it, no other site's.
    const martaId = services.agents.list(siteId).find((a) => a.name === 'Marta')!.id;
    await services.team.setAvailability(martaId, siteId, 'away');

    // Each listener's marker, sent after everything above.
    const neighbourMarker = nextFact(neighbour.socket, 'hours:changed');
    await touchHours(siteId, 'Europe/Madrid');
    await neighbourMarker;
    const elsewhereMarker = nextFact(elsewhere.socket, 'hours:changed');
    await touchHours(other.id, 'Europe/Lisbon');
    await elsewhereMarker;
    const bossMarker = nextFact<AgentSocket, { conversation: { id: string } }>(boss.socket, 'conversation:created');
    const theirs = await visitorCommand(elsewhere.socket, 'message:send', { clientId: 'other-0001', body: 'Hello?' });
    if (!theirs.ok) throw new Error(theirs.error.message);
    expect((await bossMarker).conversation.id).toBe(theirs.data.conversation.id);

    expect(anna.heard).toContain(`message:created ${conversationId}`);
    // What each heard up to its marker: the marker alone.
    const madrid = 'hours:changed Europe/Madrid';
    const lisbon = 'hours:changed Europe/Lisbon';
    const created = `conversation:created ${theirs.data.conversation.id}`;
    // Marta stepping away is the one thing of site A the neighbour may hear: the agents online changed.
    expect(upTo(neighbour.heard, neighbourFrom, madrid)).toEqual(['agents:changed', madrid]);
    expect(upTo(elsewhere.heard, elsewhereFrom, lisbon)).toEqual([lisbon]);
    expect(upTo(boss.heard, bossFrom, created)).toEqual([created]);
  });
});
