import { SQLITE_TX } from '../../db/committer.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { connectVisitorSession, startTestServer, type TestServer, type VisitorSocket } from '../../testing/harness.ts';
import { invitedOn, inviteOnFirstPage } from '../../testing/invitations.ts';
import type { SubjectScope } from '../privacy/index.ts';
import { TriggersPersonalData } from './triggers.personal-data.ts';

/** One visitor's scope on a site, as the privacy module resolves it. */
const scopeOf = (siteId: string, visitorId: string): SubjectScope => ({
  siteId,
  subject: { kind: 'visitor', id: visitorId },
  visitorIds: [visitorId],
  customerIds: [],
});

let server: TestServer;
const sockets: VisitorSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

/** A visitor of the test site who was shown the site's first rule's invitation. */
async function invitedVisitor() {
  const opened = await connectVisitorSession(server);
  sockets.push(opened.socket);
  const siteId = server.app.services.sites.byKey(server.siteKey)!.id;
  const { firingId } = await invitedOn(opened.socket);
  return { siteId, visitorId: opened.visitorId, firingId };
}

describe('trigger firings as personal data', () => {
  it('exports and erases only the subject’s own firings, on its own site', async () => {
    server = await startTestServer();
    const siteId = server.app.services.sites.byKey(server.siteKey)!.id;
    inviteOnFirstPage(server, siteId);
    const subject = await invitedVisitor();
    const other = await invitedVisitor();
    const data = new TriggersPersonalData(server.app.db);
    expect(data.tables).toEqual(['trigger_firings']);

    const exported = (await data.exportRows(scopeOf(siteId, subject.visitorId))).trigger_firings;
    expect(exported.map((row) => [row.visitorId, row.firingId])).toEqual([[subject.visitorId, subject.firingId]]);
    // Another site asking for the same visitor finds nothing.
    expect((await data.exportRows(scopeOf('sit_other', subject.visitorId))).trigger_firings).toEqual([]);
    expect(data.eraseInTx(SQLITE_TX, scopeOf('sit_other', subject.visitorId))).toBe(0);

    expect(data.eraseInTx(SQLITE_TX, scopeOf(siteId, subject.visitorId))).toBe(1);
    expect((await data.exportRows(scopeOf(siteId, subject.visitorId))).trigger_firings).toEqual([]);
    expect((await data.exportRows(scopeOf(siteId, other.visitorId))).trigger_firings.map((row) => row.firingId)).toEqual([other.firingId]);
  });
});
