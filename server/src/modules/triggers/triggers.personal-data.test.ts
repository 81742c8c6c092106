import { afterEach, describe, expect, it } from 'vitest';
import { andThen } from '../../db/committer.ts';
import { committerOn, describeOnEngines, insertSite, insertTriggerFiring, insertVisitor } from '../../testing/engines.ts';
import { connectVisitorSession, startTestServer, type TestServer, type VisitorSocket } from '../../testing/harness.ts';
import { invitedOn, inviteOnFirstPage } from '../../testing/invitations.ts';
import type { SubjectScope } from '../privacy/index.ts';
import { triggersPersonalData } from './triggers.personal-data.ts';

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
    await inviteOnFirstPage(server, siteId);
    const subject = await invitedVisitor();
    const other = await invitedVisitor();
    const data = triggersPersonalData(server.app.engine);
    expect(data.tables).toEqual(['trigger_firings']);

    const exported = (await data.exportRows(scopeOf(siteId, subject.visitorId))).trigger_firings ?? [];
    expect(exported.map((row) => [row.visitorId, row.firingId])).toEqual([[subject.visitorId, subject.firingId]]);
    // Another site asking for the same visitor finds nothing.
    expect((await data.exportRows(scopeOf('sit_other', subject.visitorId))).trigger_firings).toEqual([]);
    expect(await server.app.committer.run((tx) => data.eraseInTx(tx, scopeOf('sit_other', subject.visitorId)))).toBe(0);

    expect(await server.app.committer.run((tx) => data.eraseInTx(tx, scopeOf(siteId, subject.visitorId)))).toBe(1);
    expect((await data.exportRows(scopeOf(siteId, subject.visitorId))).trigger_firings).toEqual([]);
    expect((await data.exportRows(scopeOf(siteId, other.visitorId))).trigger_firings?.map((row) => row.firingId)).toEqual([other.firingId]);
  });
});

describeOnEngines('trigger firings as personal data', (engine) => {
  it('exports and erases the subject’s firings on its site only, with the erasure’s step or not at all', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    for (const [siteId, visitorId] of [
      ['site-a', 'v-1'],
      ['site-a', 'v-2'],
      ['site-b', 'v-3'],
    ] as const) {
      await insertVisitor(engine(), siteId, visitorId);
    }
    await insertTriggerFiring(engine(), 'site-a', 'v-1', 'f-1', 100);
    await insertTriggerFiring(engine(), 'site-a', 'v-1', 'f-2', 200);
    await insertTriggerFiring(engine(), 'site-a', 'v-2', 'f-3', 150);
    await insertTriggerFiring(engine(), 'site-b', 'v-3', 'f-4', 120);
    const data = triggersPersonalData(engine());
    const committer = committerOn(engine());
    const firingIds = async (siteId: string, visitorId: string) =>
      (await data.exportRows(scopeOf(siteId, visitorId))).trigger_firings?.map((row) => row.firingId).sort();

    expect(await firingIds('site-a', 'v-1')).toEqual(['f-1', 'f-2']);
    expect((await data.exportRows(scopeOf('site-a', 'v-1'))).trigger_firings?.[0]).toMatchObject({ siteId: 'site-a', outcome: 'fired' });
    // Another site's scope finds and erases nothing.
    expect(await firingIds('site-b', 'v-1')).toEqual([]);
    expect(await committer.run((tx) => data.eraseInTx(tx, scopeOf('site-b', 'v-1')))).toBe(0);

    // A step that fails after the erasure leaves the firings.
    const failed = committer.run((tx) =>
      andThen(data.eraseInTx(tx, scopeOf('site-a', 'v-1')), () => {
        throw new Error('refused');
      }),
    );
    await expect(failed).rejects.toThrow('refused');
    expect(await firingIds('site-a', 'v-1')).toEqual(['f-1', 'f-2']);

    expect(await committer.run((tx) => data.eraseInTx(tx, scopeOf('site-a', 'v-1')))).toBe(2);
    expect(await firingIds('site-a', 'v-1')).toEqual([]);
    expect(await firingIds('site-a', 'v-2')).toEqual(['f-3']);
    expect(await firingIds('site-b', 'v-3')).toEqual(['f-4']);
    expect(data.retention).toBeUndefined();
  });
});
