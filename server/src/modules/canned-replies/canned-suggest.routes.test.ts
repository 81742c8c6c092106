import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CannedCreateInput } from '@mostrador/shared';
import {
  addAgent,
  AGENT_PASSWORD,
  connectAgentAs,
  connectVisitorSession,
  login,
  startTestServer,
  visitorCommand,
  sqlOn,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../../testing/harness.ts';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];
let marta: string;
let carla: string;

beforeEach(async () => {
  server = await startTestServer();
  await addAgent(server, { email: 'carla@shop.example', name: 'Carla' });
  // Marta is online, so visitors' chats are hers; Carla is not in them.
  sockets.push(await connectAgentAs(server, server.agentEmail));
  marta = await login(server.url, server.agentEmail, AGENT_PASSWORD);
  carla = await login(server.url, 'carla@shop.example', AGENT_PASSWORD);
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

const reply = (shortcut: string, title: string, en: string): CannedCreateInput => ({
  shortcut,
  title,
  scope: 'personal',
  bodies: { ca: `${en} (ca)`, es: `${en} (es)`, en },
});

async function create(cookie: string, input: CannedCreateInput): Promise<string> {
  const res = await server.app.inject({ method: 'POST', url: '/api/canned-replies', headers: { cookie }, payload: input });
  expect(res.statusCode).toBe(201);
  return res.json().reply.id as string;
}

/** A new visitor writes; answers the conversation id. */
async function visitorWrites(body: string): Promise<string> {
  const { socket } = await connectVisitorSession(server);
  sockets.push(socket);
  const sent = await visitorCommand(socket, 'message:send', { clientId: `c-${Math.random().toString(36).slice(2, 12)}`, body });
  if (!sent.ok) throw new Error(sent.error.message);
  return sent.data.conversation.id;
}

const suggest = async (cookie: string, conversationId: string) =>
  server.app.inject({ method: 'GET', url: `/api/canned-replies/suggestions?conversationId=${conversationId}`, headers: { cookie } });
const use = (cookie: string, replyId: string, conversationId: string) =>
  server.app.inject({ method: 'POST', url: `/api/canned-replies/${replyId}/uses`, headers: { cookie }, payload: { conversationId } });
const storedUses = () =>
  sqlOn(server.app.engine).all('SELECT reply_id AS "replyId", conversation_id AS "conversationId", seq FROM canned_reply_uses ORDER BY id');

describe('canned reply suggestions', () => {
  it('ranks the agent’s replies by the words of the visitor’s last message, then learns from the uses', async () => {
    const track = await create(marta, reply('track', 'Tracking', 'Your parcel is on its way, tracking {{ask:number}}'));
    await create(marta, reply('refund', 'Refunds', 'We refund within 5 days'));
    await create(marta, reply('hello', 'Greeting', 'Hello!'));

    const first = await visitorWrites('My parcel? And a refund please');
    const ranked = await suggest(marta, first);
    expect(ranked.statusCode).toBe(200);
    // "parcel" and "refund" each appear in one reply (ln 4 each; how often a word repeats does not count): a tie,
    // broken by shortcut. "hello" shares no word and is not offered.
    expect(ranked.json().replies.map((r: { shortcut: string }) => r.shortcut)).toEqual(['refund', 'track']);

    // Nothing in common with any reply: no suggestion, until an agent used one for such a message.
    const lost = await visitorWrites('The box never came');
    expect((await suggest(marta, lost)).json()).toEqual({ replies: [] });
    expect((await use(marta, track, lost)).statusCode).toBe(204);
    expect(await storedUses()).toEqual([{ replyId: track, conversationId: lost, seq: expect.any(Number) }]);

    const again = await visitorWrites('my box never came!');
    expect((await suggest(marta, again)).json().replies.map((r: { id: string }) => r.id)).toEqual([track]);
  });

  it('answers not_found alike for a missing or unreadable conversation and a missing or colleague’s reply, storing nothing', async () => {
    const mine = await create(marta, reply('track', 'Tracking', 'On its way'));
    const carlas = await create(carla, reply('size', 'Sizes', 'They run small'));
    const conversationId = await visitorWrites('where is it');
    const refusals = [
      await use(marta, mine, 'cnv_missing'),
      await use(carla, carlas, conversationId), // Marta's chat: Carla may not read it
      await use(marta, 'cnr_missing', conversationId),
      await use(marta, carlas, conversationId),
      await suggest(carla, conversationId),
      await suggest(marta, 'cnv_missing'),
    ];
    for (const res of refusals) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'not_found', message: 'No such canned reply or conversation' } });
    }
    expect(await storedUses()).toEqual([]);
  });

  it('lets the uses go with the conversation when its visitor is erased, and with the reply when it is deleted', async () => {
    const track = await create(marta, reply('track', 'Tracking', 'On its way'));
    const size = await create(marta, reply('size', 'Sizes', 'They run small'));
    const conversationId = await visitorWrites('where is it');
    const other = await visitorWrites('what size');
    for (const [id, conv] of [
      [track, conversationId],
      [size, conversationId],
      [size, other],
    ] as const)
      expect((await use(marta, id, conv)).statusCode).toBe(204);

    const deleted = await server.app.inject({ method: 'DELETE', url: `/api/canned-replies/${track}`, headers: { cookie: marta } });
    expect(deleted.statusCode).toBe(204);
    expect(await storedUses()).toEqual([
      { replyId: size, conversationId, seq: expect.any(Number) },
      { replyId: size, conversationId: other, seq: expect.any(Number) },
    ]);

    const site = server.app.services.sites.byKey(server.siteKey)!;
    const visitorId = (await server.app.services.conversations.byReplyAddress(conversationId))!.visitorId;
    const admin = await addAgent(server, { email: 'boss@shop.example', name: 'Boss', role: 'admin' });
    const exported = await server.app.services.privacy.exportSubject(site.id, admin, { kind: 'visitor', id: visitorId });
    expect(exported.ok && exported.data.data.canned_reply_uses).toEqual([expect.objectContaining({ replyId: size, conversationId })]);
    const erased = await server.app.services.privacy.erase(site.id, admin, { kind: 'visitor', id: visitorId });
    expect(erased.ok && erased.data.erased['canned uses']).toBe(1);
    expect(await storedUses()).toEqual([{ replyId: size, conversationId: other, seq: expect.any(Number) }]);
  });
});
