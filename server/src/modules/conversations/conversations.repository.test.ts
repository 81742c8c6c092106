import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/client.ts';
import { SitesRepository, SitesService } from '../sites/index.ts';
import { VisitorsRepository, VisitorsService } from '../visitors/index.ts';
import { ConversationsRepository, type ConversationRow } from './conversations.repository.ts';

let dir: string;
let opened: OpenedDatabase;
let repo: ConversationsRepository;
let visitorId: string;
let siteId: string;

function conversation(id: string, status: ConversationRow['status']): ConversationRow {
  return {
    id,
    siteId,
    visitorId,
    visitorLabel: '#TEST1',
    status,
    lastSeq: 0,
    lastMessageBody: null,
    lastMessageAuthor: null,
    lastMessageAt: null,
    createdAt: 1,
    updatedAt: 1,
    closedAt: null,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'conversations-repo-'));
  opened = openDatabase(join(dir, 'db.sqlite'));
  siteId = new SitesService(new SitesRepository(opened.db)).create({ name: 's', allowedOrigins: [] }).id;
  visitorId = new VisitorsService(new VisitorsRepository(opened.db)).identify(siteId, undefined).visitor.id;
  repo = new ConversationsRepository(opened.db);
});

afterEach(() => {
  opened.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ConversationsRepository', () => {
  it('opens the database in WAL mode with synchronous=FULL', () => {
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('lets the database itself refuse a second open conversation for a visitor', () => {
    repo.insert(conversation('cnv_one', 'open'));
    expect(() => repo.insert(conversation('cnv_two', 'open'))).toThrow(/UNIQUE/);
    repo.insert(conversation('cnv_old', 'closed'));
    repo.insert(conversation('cnv_older', 'closed'));
    expect(repo.openForVisitor(visitorId)?.id).toBe('cnv_one');
  });

  it('numbers events 1, 2, 3… and keeps the summary columns in step', () => {
    repo.insert(conversation('cnv_seq', 'open'));
    const base = { authorKind: 'visitor' as const, authorId: visitorId, authorName: null, status: null };
    opened.sqlite.transaction(() => {
      repo.append('cnv_seq', { ...base, type: 'message', clientId: 'c-000001', body: 'one', createdAt: 10 });
      repo.append('cnv_seq', { ...base, type: 'message', clientId: 'c-000002', body: 'two', createdAt: 20 });
      repo.append('cnv_seq', { ...base, type: 'status', clientId: null, body: null, status: 'closed', createdAt: 30 });
    })();
    expect(repo.eventsAfter('cnv_seq', 0, 10).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(repo.eventsAfter('cnv_seq', 1, 1).map((e) => e.seq)).toEqual([2]);
    expect(repo.byId('cnv_seq')).toMatchObject({
      lastSeq: 3,
      status: 'closed',
      closedAt: 30,
      lastMessageBody: 'two',
      lastMessageAt: 20,
    });
  });

  it('refuses a second event with the same author and client id', () => {
    repo.insert(conversation('cnv_dup', 'open'));
    const event = {
      type: 'message' as const,
      authorKind: 'visitor' as const,
      authorId: visitorId,
      authorName: null,
      clientId: 'same-id-1',
      body: 'x',
      status: null,
      createdAt: 1,
    };
    repo.append('cnv_dup', event);
    expect(() => repo.append('cnv_dup', event)).toThrow(/UNIQUE/);
  });
});
