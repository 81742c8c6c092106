import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/client.ts';
import { conversations } from '../../db/schema.ts';
import { SitesService, sitesRepository } from '../sites/index.ts';
import { SqliteVisitorsRepository, VisitorsService } from '../visitors/index.ts';
import { SqliteConversationsStore } from './conversations.store.sqlite.ts';
import { ReplyTimes } from './reply-times.ts';

const DAY = 24 * 60 * 60_000;
const NOW = 100 * DAY;
let dir: string;
let opened: OpenedDatabase;
let siteId: string;
let otherSiteId: string;
let visitorId: string;
let n = 0;

function chat(site: string, createdAt: number, replySeconds: number | null, extra: Partial<typeof conversations.$inferInsert> = {}) {
  opened.db
    .insert(conversations)
    .values({
      id: `conv_${++n}`,
      siteId: site,
      visitorId,
      visitorLabel: '#T',
      status: 'closed',
      origin: 'visitor',
      firstResponseAt: replySeconds === null ? null : createdAt + replySeconds * 1000,
      lastSeq: 2,
      createdAt,
      updatedAt: createdAt,
      closedAt: createdAt + 1,
      ...extra,
    })
    .run();
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reply-times-'));
  opened = openDatabase(join(dir, 'db.sqlite'));
  const sites = new SitesService(sitesRepository({ kind: 'sqlite', db: opened.db }));
  siteId = (await sites.create({ name: 's', allowedOrigins: [] })).id;
  otherSiteId = (await sites.create({ name: 'other', allowedOrigins: [] })).id;
  visitorId = (await new VisitorsService(new SqliteVisitorsRepository(opened.db)).identify(siteId, undefined)).visitor.id;
});

/** Over the real repository, as app.ts connects it. */
function replyTimes(now: () => number): ReplyTimes {
  const repo = new SqliteConversationsStore(opened.db);
  return new ReplyTimes((site, since) => repo.firstReplyWaits(site, since), now);
}

afterEach(() => {
  opened.sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ReplyTimes', () => {
  it('says nothing with fewer than three answered live chats in two weeks', () => {
    chat(siteId, NOW - DAY, 60);
    chat(siteId, NOW - DAY, 90);
    chat(siteId, NOW - DAY, null); // never answered: no reply time to count
    chat(siteId, NOW - 15 * DAY, 30); // too old
    chat(siteId, NOW - DAY, 5, { ticketSince: NOW - DAY }); // a ticket waits for the next shift, not a live reply
    chat(siteId, NOW - DAY, 5, { origin: 'agent' }); // the shop wrote first
    chat(otherSiteId, NOW - DAY, 5); // another site's
    expect(replyTimes(() => NOW).medianSeconds(siteId)).toBeNull();
  });

  it('is the median of the recent live chats’ first replies, so one forgotten chat does not set it', () => {
    for (const seconds of [40, 60, 3600, 50]) chat(siteId, NOW - 2 * DAY, seconds);
    expect(replyTimes(() => NOW).medianSeconds(siteId)).toBe(55);
    chat(siteId, NOW - DAY, 45);
    expect(replyTimes(() => NOW).medianSeconds(siteId)).toBe(50);
  });

  it('reads the database again only after five minutes', () => {
    let now = NOW;
    const times = replyTimes(() => now);
    expect(times.medianSeconds(siteId)).toBeNull();
    for (const seconds of [10, 20, 30]) chat(siteId, NOW - DAY, seconds);
    expect(times.medianSeconds(siteId)).toBeNull();
    now += 5 * 60_000 - 1;
    expect(times.medianSeconds(siteId)).toBeNull();
    now += 1;
    expect(times.medianSeconds(siteId)).toBe(20);
  });
});
