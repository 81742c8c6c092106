import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/client.ts';
import { agentsRepositories } from '../agents/index.ts';
import { SitesService, sitesRepository } from '../sites/index.ts';
import { SqliteVisitorsRepository, VisitorsService } from '../visitors/index.ts';
import { SQLITE_TX } from '../../db/committer.ts';
import { SqliteConversationsStore } from './conversations.store.sqlite.ts';
import { conversation as storeRow } from './conversations.store-fixture.ts';
import type { ConversationRow } from './conversations.types.ts';

let dir: string;
let opened: OpenedDatabase;
let repo: SqliteConversationsStore;
let visitorId: string;
let siteId: string;

function conversation(id: string, status: ConversationRow['status']): ConversationRow {
  return storeRow(id, siteId, visitorId, { visitorLabel: '#TEST1', status, queuedAt: status === 'open' ? 1 : null });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'conversations-repo-'));
  opened = openDatabase(join(dir, 'db.sqlite'));
  siteId = (await new SitesService(sitesRepository({ kind: 'sqlite', db: opened.db })).create({ name: 's', allowedOrigins: [] })).id;
  visitorId = (await new VisitorsService(new SqliteVisitorsRepository(opened.db)).identify(siteId, undefined)).visitor.id;
  repo = new SqliteConversationsStore(opened.db);
});

afterEach(() => {
  opened.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the conversations store on SQLite', () => {
  it('opens the database in WAL mode with synchronous=FULL', () => {
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('lets the database itself refuse a second open conversation for a visitor', () => {
    repo.insertInTx(SQLITE_TX, conversation('cnv_one', 'open'));
    expect(() => repo.insertInTx(SQLITE_TX, conversation('cnv_two', 'open'))).toThrow(/UNIQUE/);
    repo.insertInTx(SQLITE_TX, conversation('cnv_old', 'closed'));
    repo.insertInTx(SQLITE_TX, conversation('cnv_older', 'closed'));
    expect(repo.openForVisitor(siteId, visitorId)?.id).toBe('cnv_one');
  });

  it('numbers events 1, 2, 3… and keeps the summary columns in step', () => {
    repo.insertInTx(SQLITE_TX, conversation('cnv_seq', 'open'));
    const base = { authorKind: 'visitor' as const, authorId: visitorId, authorName: null, status: null, data: null, visible: true };
    opened.sqlite.transaction(() => {
      repo.appendInTx(SQLITE_TX, siteId, 'cnv_seq', { ...base, type: 'message', clientId: 'c-000001', body: 'one', createdAt: 10 });
      repo.appendInTx(SQLITE_TX, siteId, 'cnv_seq', { ...base, type: 'message', clientId: 'c-000002', body: 'two', createdAt: 20 });
      repo.appendInTx(
        SQLITE_TX,
        siteId,
        'cnv_seq',
        { ...base, type: 'status', clientId: null, body: null, status: 'closed', createdAt: 30 },
        { status: 'closed', closedAt: 30 },
      );
    })();
    expect(repo.eventsAfter(siteId, 'cnv_seq', 0, 10).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(repo.eventsAfter(siteId, 'cnv_seq', 1, 1).map((e) => e.seq)).toEqual([2]);
    expect(repo.byId(siteId, 'cnv_seq')).toMatchObject({
      lastSeq: 3,
      lastVisitorSeq: 3,
      status: 'closed',
      closedAt: 30,
      lastMessageBody: 'two',
      lastMessageAt: 20,
    });
  });

  it('refuses a second event with the same author and client id', () => {
    repo.insertInTx(SQLITE_TX, conversation('cnv_dup', 'open'));
    const event = {
      type: 'message' as const,
      authorKind: 'visitor' as const,
      authorId: visitorId,
      authorName: null,
      clientId: 'same-id-1',
      body: 'x',
      status: null,
      data: null,
      visible: true,
      createdAt: 1,
    };
    repo.appendInTx(SQLITE_TX, siteId, 'cnv_dup', event);
    expect(() => repo.appendInTx(SQLITE_TX, siteId, 'cnv_dup', event)).toThrow(/UNIQUE/);
  });
});

describe('the visitor log', () => {
  it('skips internal notes in the visitor sequence, with no gaps', () => {
    repo.insertInTx(SQLITE_TX, conversation('cnv_notes', 'open'));
    const base = { authorKind: 'agent' as const, authorId: 'agt_x', authorName: 'Marta', status: null, data: null, clientId: null };
    opened.sqlite.transaction(() => {
      repo.appendInTx(SQLITE_TX, siteId, 'cnv_notes', {
        ...base,
        type: 'message',
        clientId: 'n-000001',
        body: 'hola',
        visible: true,
        createdAt: 1,
      });
      repo.appendInTx(SQLITE_TX, siteId, 'cnv_notes', { ...base, type: 'note', body: 'VIP customer', visible: false, createdAt: 2 });
      repo.appendInTx(SQLITE_TX, siteId, 'cnv_notes', {
        ...base,
        type: 'message',
        clientId: 'n-000002',
        body: 'adeu',
        visible: true,
        createdAt: 3,
      });
    })();
    expect(repo.eventsAfter(siteId, 'cnv_notes', 0, 10).map((e) => [e.seq, e.visitorSeq])).toEqual([
      [1, 1],
      [2, null],
      [3, 2],
    ]);
    expect(repo.visitorEventsAfter(siteId, 'cnv_notes', 0, 10).map((e) => e.body)).toEqual(['hola', 'adeu']);
    expect(repo.byId(siteId, 'cnv_notes')).toMatchObject({ lastSeq: 3, lastVisitorSeq: 2 });
  });

  it('claims a queued conversation once: a second claim finds it taken', async () => {
    const agents = agentsRepositories({ kind: 'sqlite', db: opened.db }).agents;
    for (const id of ['agt_first', 'agt_second']) {
      await agents.insert({
        id,
        siteId,
        email: `${id}@x.example`,
        name: id,
        role: 'agent',
        passwordHash: 'x',
        capacity: 3,
        availability: 'online',
        createdAt: 1,
        active: true,
        totpSecret: null,
        totpLastStep: null,
      });
    }
    repo.insertInTx(SQLITE_TX, conversation('cnv_claim', 'open'));
    expect(repo.claimInTx(SQLITE_TX, siteId, 'cnv_claim', 'agt_first')?.assigneeId).toBe('agt_first');
    expect(repo.claimInTx(SQLITE_TX, siteId, 'cnv_claim', 'agt_second')).toBeUndefined();
    expect(repo.byId(siteId, 'cnv_claim')).toMatchObject({ assigneeId: 'agt_first', queuedAt: null });
  });
});

describe('the wait for a reply', () => {
  it('starts with a visitor message, keeps its start, and ends with the first agent answer', () => {
    repo.insertInTx(SQLITE_TX, conversation('cnv_wait', 'open'));
    const visitorSays = (at: number) =>
      repo.appendVisitorMessageInTx(SQLITE_TX, siteId, visitorId, {
        authorKind: 'visitor',
        authorId: visitorId,
        authorName: null,
        clientId: `w-${at}-xxxx`,
        body: 'hola',
        createdAt: at,
      });
    const agentSays = (at: number) =>
      repo.appendAgentMessageInTx(SQLITE_TX, siteId, 'cnv_wait', {
        authorKind: 'agent',
        authorId: null,
        authorName: 'A',
        clientId: null,
        body: 'hi',
        createdAt: at,
      });
    opened.sqlite.transaction(() => {
      expect(visitorSays(100)?.conversation).toMatchObject({ awaitingReplySince: 100, firstResponseAt: null, lastSeq: 1 });
      expect(visitorSays(200)?.conversation).toMatchObject({ awaitingReplySince: 100, lastSeq: 2 });
      expect(agentSays(300).conversation).toMatchObject({ awaitingReplySince: null, firstResponseAt: 300, lastSeq: 3 });
      expect(visitorSays(400)?.conversation.awaitingReplySince).toBe(400);
      expect(agentSays(500).conversation).toMatchObject({ awaitingReplySince: null, firstResponseAt: 300 });
    })();
    expect(repo.visitorEventsAfter(siteId, 'cnv_wait', 0, 10).map((e) => e.body)).toEqual(['hola', 'hola', 'hi', 'hola', 'hi']);
  });

  it('finds no open conversation for a visitor without one', () => {
    const appended = opened.sqlite.transaction(() =>
      repo.appendVisitorMessageInTx(SQLITE_TX, siteId, visitorId, {
        authorKind: 'visitor',
        authorId: visitorId,
        authorName: null,
        clientId: 'none-xxxx',
        body: 'x',
        createdAt: 1,
      }),
    )();
    expect(appended).toBeUndefined();
  });
});

describe('another site', () => {
  it('finds nothing and changes nothing through another site’s id, as if the row did not exist', async () => {
    const otherSite = (
      await new SitesService(sitesRepository({ kind: 'sqlite', db: opened.db })).create({ name: 'other', allowedOrigins: [] })
    ).id;
    repo.insertInTx(SQLITE_TX, conversation('cnv_mine', 'open'));
    const message = { authorKind: 'agent' as const, authorId: 'agt_x', authorName: 'A', clientId: 'o-000001', body: 'x', createdAt: 5 };
    expect(repo.byId(otherSite, 'cnv_mine')).toBeUndefined();
    expect(repo.openForVisitor(otherSite, visitorId)).toBeUndefined();
    expect(repo.claimInTx(SQLITE_TX, otherSite, 'cnv_mine', 'agt_x')).toBeUndefined();
    expect(() => opened.sqlite.transaction(() => repo.appendAgentMessageInTx(SQLITE_TX, otherSite, 'cnv_mine', message))()).toThrow(
      /vanished/,
    );
    expect(
      opened.sqlite.transaction(() =>
        repo.appendVisitorMessageInTx(SQLITE_TX, otherSite, visitorId, { ...message, authorKind: 'visitor' }),
      )(),
    ).toBeUndefined();
    repo.addGuestInTx(SQLITE_TX, otherSite, 'cnv_mine', 'agt_x', 1);
    expect(repo.byId(siteId, 'cnv_mine')?.guestIds).toEqual([]);
    expect(repo.eventsAfter(otherSite, 'cnv_mine', 0, 10)).toEqual([]);
    expect(repo.byId(siteId, 'cnv_mine')).toMatchObject({ assigneeId: null, lastSeq: 0 });
  });
});

describe('a visitor’s earlier conversations', () => {
  it('lists the ended ones begun before a time, newest first, and never another site’s or another visitor’s', async () => {
    const otherSite = (
      await new SitesService(sitesRepository({ kind: 'sqlite', db: opened.db })).create({ name: 'other', allowedOrigins: [] })
    ).id;
    const other = (await new VisitorsService(new SqliteVisitorsRepository(opened.db)).identify(siteId, undefined)).visitor.id;
    for (const [id, status, createdAt] of [
      ['cnv_old', 'closed', 10],
      ['cnv_mid', 'closed', 20],
      ['cnv_new', 'closed', 30],
      ['cnv_now', 'open', 40],
    ] as const)
      repo.insertInTx(SQLITE_TX, { ...conversation(id, status), createdAt });
    repo.insertInTx(SQLITE_TX, { ...conversation('cnv_theirs', 'closed'), visitorId: other, createdAt: 25 });
    const ids = (rows: ConversationRow[]) => rows.map((r) => r.id);
    expect(ids(repo.endedOfVisitor(siteId, visitorId, Number.MAX_SAFE_INTEGER, 10))).toEqual(['cnv_new', 'cnv_mid', 'cnv_old']);
    expect(ids(repo.endedOfVisitor(siteId, visitorId, 30, 1))).toEqual(['cnv_mid']);
    expect(repo.endedOfVisitor(otherSite, visitorId, Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    expect(ids(repo.byVisitors(siteId, [visitorId, other], 3))).toEqual(['cnv_now', 'cnv_new', 'cnv_theirs']);
    expect(repo.byVisitors(otherSite, [visitorId, other], 3)).toEqual([]);
  });
});
