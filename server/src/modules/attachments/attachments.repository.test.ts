import { expect, it } from 'vitest';
import { andThen } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import { committerOn, describeOnEngines, insertConversation, insertSite } from '../../testing/engines.ts';
import { AttachmentsPersonalData } from './attachments.personal-data.ts';
import { attachmentsRepository } from './attachments.module.ts';
import type { AttachmentRow } from './attachments.repository.ts';
import { AttachmentsService } from './attachments.service.ts';
import type { FileStorage } from './storage.ts';

/** On SQLite the sweep's batches ride a group commit of the test's own; PostgreSQL's repository never touches one. */
const repoOn = (engine: Engine) => attachmentsRepository(engine, engine.kind === 'sqlite' ? new GroupCommit(engine.db.$client) : undefined);

let serial = 0;
function upload(siteId: string, extra: Partial<AttachmentRow> = {}): AttachmentRow {
  serial += 1;
  return {
    id: `att-${serial}`,
    siteId,
    uploaderKind: 'visitor',
    uploaderId: 'v-1',
    clientId: `c-${serial}`,
    visitorId: 'v-1',
    conversationId: null,
    seq: null,
    name: `file-${serial}.png`,
    mime: 'image/png',
    type: 'image',
    size: 10,
    storageKey: `key-${serial}`,
    createdAt: 1_000 + serial,
    thumbState: null,
    thumbKey: null,
    thumbAttempts: 0,
    cannedReplyId: null,
    ...extra,
  };
}

/** A storage that only remembers which keys it was asked to remove. */
function storage(): FileStorage & { removed: string[] } {
  const removed: string[] = [];
  return {
    removed,
    incomingDir: '/nonexistent',
    adopt: async () => 'unused',
    put: async () => 'unused',
    open: async () => null,
    remove: async (keys: readonly string[]) => void removed.push(...keys),
  } as unknown as FileStorage & { removed: string[] };
}

function service(repo: ReturnType<typeof repoOn>) {
  return new AttachmentsService(
    repo,
    storage(),
    { rules: () => ({ maxBytes: 1000, types: ['image'], visitorUploads: true }), agentCanRead: async () => true },
    { linkTtlMs: 60_000, signingKey: 'k'.repeat(43), stripPicture: async () => null },
  );
}

const place = (conversationId: string, seq: number) => ({ conversationId, seq, visitorId: 'v-1' });

describeOnEngines('the attachments repository', (engine) => {
  it('reads an upload within its site only, and keeps the first of two inserts with one client id', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = repoOn(engine());
    const first = upload('site-a');
    expect(await repo.insert(first)).toEqual(first);
    // A retry that raced in: the row that stands is the first.
    expect(await repo.insert({ ...upload('site-a'), clientId: first.clientId })).toEqual(first);
    expect(await repo.byId('site-a', first.id)).toEqual(first);
    expect(await repo.byId('site-b', first.id)).toBeUndefined();
    expect(await repo.byIdForLink(first.id)).toEqual(first);
    expect(await repo.byClientId('site-a', 'v-1', first.clientId)).toEqual(first);
    expect(await repo.signingKey(() => 'one')).toBe('one');
    expect(await repo.signingKey(() => 'two')).toBe('one');
  });

  it('claims and binds a message’s files in its step, in the order asked; a failed step binds nothing', async () => {
    await insertSite(engine(), 'site-a');
    await insertConversation(engine(), 'site-a', 'cnv-1');
    const repo = repoOn(engine());
    const committer = committerOn(engine());
    const [a, b] = [upload('site-a'), upload('site-a')];
    const foreign = upload('site-a', { uploaderId: 'v-2' });
    for (const row of [a, b, foreign]) await repo.insert(row);
    const files = service(repo);

    expect(await committer.run((tx) => files.claimInTx(tx, 'site-a', 'v-1', [foreign.id]))).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const failed = committer.run((tx) =>
      andThen(files.claimInTx(tx, 'site-a', 'v-1', [b.id, a.id]), (claimed) => {
        expect(claimed).toMatchObject({ ok: true, data: [{ id: b.id }, { id: a.id }] });
        return andThen(files.bindInTx(tx, 'site-a', [a.id, b.id], place('cnv-1', 1)), () => {
          throw new Error('refused');
        });
      }),
    );
    await expect(failed).rejects.toThrow('refused');
    expect((await repo.byId('site-a', a.id))?.conversationId).toBeNull();

    await committer.run((tx) => files.bindInTx(tx, 'site-a', [a.id], place('cnv-1', 2)));
    expect(await repo.byId('site-a', a.id)).toMatchObject({ conversationId: 'cnv-1', seq: 2 });
    expect(await committer.run((tx) => files.claimInTx(tx, 'site-a', 'v-1', [a.id]))).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    // Sent: it is no longer the uploader's to discard.
    expect(await repo.deleteUnsent('site-a', a.id)).toBeUndefined();
  });

  it('binds a file to one message only when two messages claim it at once', async () => {
    await insertSite(engine(), 'site-a');
    await insertConversation(engine(), 'site-a', 'cnv-1');
    await insertConversation(engine(), 'site-a', 'cnv-2');
    const repo = repoOn(engine());
    const committer = committerOn(engine());
    const shared = upload('site-a');
    await repo.insert(shared);
    const files = service(repo);
    // Each message claims, waits a moment (another node's step may run meanwhile), then binds if its claim held.
    const send = (conversationId: string) =>
      committer.run((tx) =>
        andThen(files.claimInTx(tx, 'site-a', 'v-1', [shared.id]), (claimed) =>
          claimed.ok ? andThen(files.bindInTx(tx, 'site-a', [shared.id], place(conversationId, 1)), () => conversationId) : null,
        ),
      );
    const outcomes = await Promise.all([send('cnv-1'), send('cnv-2')]);
    const winners = outcomes.filter((o) => o !== null);
    expect(winners).toHaveLength(1);
    expect((await repo.byId('site-a', shared.id))?.conversationId).toBe(winners[0]);
  });

  it('sweeps old unsent uploads once, whoever asks at once, and never a sent file or a canned picture', async () => {
    await insertSite(engine(), 'site-a');
    await insertConversation(engine(), 'site-a', 'cnv-1');
    const repo = repoOn(engine());
    const old = [1, 2, 3].map((n) => upload('site-a', { createdAt: n }));
    const sent = upload('site-a', { createdAt: 1, conversationId: 'cnv-1', seq: 1 });
    const canned = upload('site-a', { createdAt: 1, uploaderKind: 'agent', uploaderId: 'ag-1', visitorId: null, cannedReplyId: 'cr-1' });
    const recent = upload('site-a', { createdAt: 500 });
    for (const row of [...old, sent, canned, recent]) await repo.insert(row);

    const [one, two] = await Promise.all([repo.deleteUnsentBefore(100, 2), repo.deleteUnsentBefore(100, 2)]);
    const third = await repo.deleteUnsentBefore(100, 2);
    const swept = [...one, ...two, ...third].map((r) => r.id).sort();
    expect(swept).toEqual(old.map((r) => r.id).sort());
    expect(await repo.stillThere([...old, sent, canned, recent].map((r) => r.id))).toEqual(new Set([sent.id, canned.id, recent.id]));
  });

  it('makes thumbnails of pending pictures, oldest first, and retries a passing failure a few times', async () => {
    await insertSite(engine(), 'site-a');
    const repo = repoOn(engine());
    const [first, second] = [upload('site-a', { thumbState: 'pending' }), upload('site-a', { thumbState: 'pending' })];
    await repo.insert(second);
    await repo.insert(first);
    expect((await repo.nextThumbJob())?.id).toBe(first.id);
    expect(await repo.thumbReady(first.id, 'thumb-1')).toBe(1);
    expect(await repo.thumbReady(first.id, 'thumb-2')).toBe(0);
    await repo.thumbFailed(second.id, false, 2);
    expect(await repo.byId('site-a', second.id)).toMatchObject({ thumbState: 'pending', thumbAttempts: 1 });
    await repo.thumbFailed(second.id, false, 2);
    expect(await repo.byId('site-a', second.id)).toMatchObject({ thumbState: 'failed', thumbAttempts: 2 });
    expect(await repo.nextThumbJob()).toBeUndefined();
  });

  it('keeps an unsent upload as a canned reply’s picture, and not one sent meanwhile', async () => {
    await insertSite(engine(), 'site-a');
    await insertConversation(engine(), 'site-a', 'cnv-1');
    const repo = repoOn(engine());
    const picture = upload('site-a', { uploaderKind: 'agent', uploaderId: 'ag-1', visitorId: null });
    const sent = upload('site-a', { uploaderKind: 'agent', uploaderId: 'ag-1', visitorId: null, conversationId: 'cnv-1', seq: 1 });
    for (const row of [picture, sent]) await repo.insert(row);
    expect(await repo.keep('site-a', picture.id, 'cr-1')).toBe(true);
    expect(await repo.keep('site-b', picture.id, 'cr-2')).toBe(false);
    expect(await repo.keep('site-a', sent.id, 'cr-1')).toBe(false);
    expect((await repo.keptBy('site-a', ['cr-1'])).map((r) => r.id)).toEqual([picture.id]);
    // A picture is no upload any more: a message cannot claim it, nor the uploader discard it.
    expect(await repo.ofUploader('site-a', 'ag-1', [picture.id])).toEqual([]);
    expect(await repo.deleteUnsent('site-a', picture.id)).toBeUndefined();
  });
});

describeOnEngines('the attachments’ personal data', (engine) => {
  it('exports and erases only the subject’s files, only on its site, and removes their bytes after', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = repoOn(engine());
    const committer = committerOn(engine());
    const theirs = upload('site-a', { thumbKey: 'thumb-x' });
    const other = upload('site-a', { visitorId: 'v-2', uploaderId: 'v-2' });
    const foreign = upload('site-b');
    for (const row of [theirs, other, foreign]) await repo.insert(row);
    const bytes = storage();
    const source = new AttachmentsPersonalData(
      repo,
      bytes,
      (id) => `/api/files/${id}`,
      (err) => {
        throw err;
      },
    );
    const scope = { siteId: 'site-a', subject: { kind: 'visitor' as const, id: 'v-1' }, visitorIds: ['v-1'], customerIds: [] };

    const exported = await source.exportRows(scope);
    expect(exported.attachments).toEqual([
      expect.objectContaining({ id: theirs.id, name: theirs.name, download: `/api/files/${theirs.id}` }),
    ]);
    expect(exported.attachments?.[0]).not.toHaveProperty('storageKey');

    const elsewhere = { ...scope, siteId: 'site-c' };
    expect(await committer.run((tx) => source.eraseInTx(tx, elsewhere))).toBe(0);
    source.afterErase(elsewhere);
    expect(await committer.run((tx) => source.eraseInTx(tx, scope))).toBe(1);
    source.afterErase(scope);
    await new Promise((resolve) => setImmediate(resolve));
    expect(bytes.removed.sort()).toEqual([theirs.storageKey, 'thumb-x'].sort());
    expect(await repo.stillThere([theirs.id, other.id, foreign.id])).toEqual(new Set([other.id, foreign.id]));
  });

  it('purges files past retention in batches of the limit, removes their bytes once committed, and leaves the rest', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    await insertConversation(engine(), 'site-a', 'cnv-open');
    const repo = repoOn(engine());
    const committer = committerOn(engine());
    // Files of a conversation that is gone, and old unsent uploads, go; an open conversation's file, a recent upload, a canned picture and another site's stay.
    const gone = [1, 2].map((n) => upload('site-a', { createdAt: n, conversationId: 'cnv-gone', seq: n }));
    const unsentOld = upload('site-a', { createdAt: 3 });
    const kept = [
      upload('site-a', { createdAt: 1, conversationId: 'cnv-open', seq: 1 }),
      upload('site-a', { createdAt: 500 }),
      upload('site-a', { createdAt: 1, uploaderKind: 'agent', uploaderId: 'ag-1', visitorId: null, cannedReplyId: 'cr-1' }),
      upload('site-b', { createdAt: 1 }),
    ];
    for (const row of [...gone, unsentOld, ...kept]) await repo.insert(row);
    const bytes = storage();
    const { retention } = new AttachmentsPersonalData(
      repo,
      bytes,
      (id) => id,
      (err) => {
        throw err;
      },
    );

    expect(await committer.run((tx) => retention.purgeInTx(tx, 'site-a', 100, 2))).toBe(2);
    expect(await committer.run((tx) => retention.purgeInTx(tx, 'site-a', 100, 2))).toBe(1);
    expect(await committer.run((tx) => retention.purgeInTx(tx, 'site-a', 100, 2))).toBe(0);
    const all = [...gone, unsentOld, ...kept];
    expect(await repo.stillThere(all.map((r) => r.id))).toEqual(new Set(kept.map((r) => r.id)));
    for (let i = 0; i < 20 && bytes.removed.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(bytes.removed.sort()).toEqual([...gone, unsentOld].map((r) => r.storageKey).sort());
  });
});
