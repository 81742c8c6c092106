import type { AddressInfo } from 'node:net';
import type { ConversationEvent, ConversationList, SearchResults } from '@mostrador/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { agentLog } from '../testing/conversation-helpers.ts';
import {
  AGENT_PASSWORD,
  agentCommand,
  buildTestApp,
  connectAgent,
  connected,
  connectVisitor,
  login,
  nextFact,
  visitorCommand,
  type AgentSocket,
  type VisitorSocket,
} from '../testing/harness.ts';
import { createTestDatabase, type TestDatabase } from '../testing/postgres.ts';
import { copySqliteToPostgres } from './copy-to-postgres.ts';
import { USED_INSTALL_WORDS, usedInstall, type UsedInstall } from './used-install-fixture.ts';

let install: UsedInstall | undefined;
let database: TestDatabase | undefined;
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await install?.close();
  await database?.drop();
  install = undefined;
  database = undefined;
});

/** What an agent reads over HTTP with a session cookie. */
async function read<T>(url: string, cookie: string): Promise<T> {
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The path and query of a link the app made, to follow on whichever server answers now. */
const pathOf = (link: string) => {
  const url = new URL(link, 'http://mostrador.invalid');
  return `${url.pathname}${url.search}`;
};

describe('an install moved to PostgreSQL', () => {
  it('runs on the copy as it ran on SQLite: same login, chats, files and search, and new messages carry on the numbering', async () => {
    install = await usedInstall();
    const { server, openChat, closedChat } = install;
    const siteKey = server.siteKey;

    // What Marta's console showed on SQLite, and a file link it was given there.
    const before = await login(server.url, server.agentEmail, AGENT_PASSWORD);
    const onSqlite = connectAgent(server.url, before);
    await connected(onSqlite);
    const logBefore = await agentLog(onSqlite, openChat.conversationId);
    onSqlite.disconnect();
    const file = logBefore.flatMap((event) => (event.type === 'message' ? (event.attachments ?? []) : []))[0]!;
    const oldLink = await read<{ url: string }>(`${server.url}/api/attachments/${file.id}/link`, before);
    await install.stop();

    database = await createTestDatabase();
    await copySqliteToPostgres(install.file, database.url);

    // The same data directory (attachments, pictures), now with DATABASE_URL: as a node of the cluster starts.
    const node = await buildTestApp({ databaseUrl: database.url, databaseFile: install.file, attachments: server.config.attachments });
    cleanups.push(() => node.cleanup());
    expect(node.app.engine.kind).toBe('postgres');
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;

    // Marta logs in with her old password and finds her chats, message for message.
    const cookie = await login(url, server.agentEmail, AGENT_PASSWORD);
    const marta: AgentSocket = connectAgent(url, cookie);
    cleanups.push(() => void marta.disconnect());
    await connected(marta);
    const mine = await read<ConversationList>(`${url}/api/conversations?view=mine`, cookie);
    expect(mine.conversations.map((c) => c.id)).toContain(openChat.conversationId);
    const closed = await read<ConversationList>(`${url}/api/conversations?view=closed`, cookie);
    // (Its rating is a row like any other, compared in copy-to-postgres.test.ts: summaries built on PostgreSQL leave ratings out.)
    expect(closed.conversations.find((c) => c.id === closedChat.conversationId)).toMatchObject({
      status: 'closed',
      assignee: { name: 'Marta' },
    });
    expect(await agentLog(marta, openChat.conversationId)).toEqual(logBefore);

    // The file: the link signed on SQLite still opens it (the signing key came along), and a new one does too.
    for (const link of [oldLink.url, (await read<{ url: string }>(`${url}/api/attachments/${file.id}/link`, cookie)).url]) {
      const got = await fetch(`${url}${pathOf(link)}`);
      expect(got.status).toBe(200);
      expect(Buffer.from(await got.arrayBuffer()).toString()).toBe('%PDF-1.4\n%%EOF\n');
    }

    // Search finds the copied message and note, and its vocabulary knows their words (typo tolerance).
    const search = (q: string) => read<SearchResults>(`${url}/api/search?q=${encodeURIComponent(q)}`, cookie);
    expect((await search('dessuadora')).hits).toMatchObject([{ conversationId: openChat.conversationId, kind: 'message' }]);
    expect((await search('magatzem')).hits).toMatchObject([{ conversationId: openChat.conversationId, kind: 'note' }]);
    expect(logBefore.filter((event) => event.type === 'note').map((event) => event.body)).toEqual([USED_INSTALL_WORDS.note]);
    expect((await search('dessuadera')).alsoSearched).toContain('dessuadora');

    // The shopper comes back with the token they kept: the same chat, and the next number in it.
    const shopper: VisitorSocket = connectVisitor(url, { siteKey, token: openChat.visitorToken });
    cleanups.push(() => void shopper.disconnect());
    await connected(shopper);
    // Two numberings: the agents' log, and the shopper's own, which skips notes.
    const shown = await visitorCommand(shopper, 'conversation:sync', { conversationId: openChat.conversationId, afterSeq: 0 });
    if (!shown.ok) throw new Error(shown.error.message);
    const lastVisitorSeq = Math.max(...shown.data.events.map((event) => event.seq));
    expect(lastVisitorSeq).toBe(logBefore.filter((event) => event.type !== 'note').length);
    const lastSeq = Math.max(...logBefore.map((event) => event.seq));
    const heard = nextFact<AgentSocket, { event: ConversationEvent }>(marta, 'message:created');
    const sent = await visitorCommand(shopper, 'message:send', { clientId: 'after-copy-1', body: 'Ja soc aquí de nou' });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.conversation.id).toBe(openChat.conversationId);
    expect(sent.data.event.seq).toBe(lastVisitorSeq + 1);
    expect((await heard).event).toMatchObject({ seq: lastSeq + 1, body: 'Ja soc aquí de nou' });
    const answered = await agentCommand(marta, 'message:send', {
      conversationId: openChat.conversationId,
      clientId: 'after-copy-2',
      body: 'Benvinguda!',
    });
    if (!answered.ok) throw new Error(answered.error.message);
    expect(answered.data.event.seq).toBe(lastSeq + 2);
    // And what is written now is found too.
    expect((await search('benvinguda')).hits).toMatchObject([{ conversationId: openChat.conversationId, seq: lastSeq + 2 }]);

    // The admin's two-factor login came along: a right password earns the second step, not a session.
    const boss = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'boss@shop.example', password: AGENT_PASSWORD }),
    });
    expect(await boss.json()).toMatchObject({ secondStep: { challenge: expect.any(String) } });
    // And the settings the admin made, and which site is the demo shop.
    expect(node.app.services.sites.byKey(siteKey)).toMatchObject({ npsEnabled: true, typingPreview: false });
    expect(node.app.services.sites.demoSite()?.name).toBe('Botiga Mostrador');
  }, 90_000);
});
