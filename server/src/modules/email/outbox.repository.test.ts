import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { andThen } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import { newId } from '../../db/ids.ts';
import { committerOn, describeOnEngines, insertSite } from '../../testing/engines.ts';
import { outboxRepository } from './email-module.ts';
import { EmailPersonalData } from './email.personal-data.ts';
import type { OutboxRow } from './outbox.repository.ts';
import { CLAIM_LEASE_MS, OutboxService } from './outbox.service.ts';
import type { MailTransport, OutgoingMail } from './transport.ts';

/** On SQLite the repository's own writes ride a group commit of the test's; PostgreSQL's never touches one. */
const repoOn = (engine: Engine) => outboxRepository(engine, engine.kind === 'sqlite' ? new GroupCommit(engine.db.$client) : undefined);

let serial = 0;
function mail(siteId: string, extra: Partial<OutboxRow> = {}): OutboxRow {
  serial += 1;
  return {
    id: newId('eml'),
    siteId,
    conversationId: 'cnv-1',
    visitorId: 'v-1',
    kind: 'replies',
    toAddress: 'shopper@example.cat',
    fromAddress: 'Shop <shop@example.cat>',
    replyTo: null,
    subject: 'Your chat',
    text: 'Hello',
    html: '<p>Hello</p>',
    status: 'pending',
    via: null,
    attempts: 0,
    nextAttemptAt: 1_000,
    lastError: null,
    messageId: `<m${serial}@example.cat>`,
    createdAt: 1_000,
    sentAt: null,
    ...extra,
  };
}

/** A transport that takes its time, as SMTP does, and remembers every mail it was handed. */
class SlowTransport implements MailTransport {
  readonly via = 'smtp';
  readonly sent: OutgoingMail[] = [];
  async send(outgoing: OutgoingMail) {
    this.sent.push(outgoing);
    await sleep(5);
    return { ok: true } as const;
  }
  close(): void {}
}

const OPTIONS = { retryBaseMs: 1000, maxAttempts: 3, messageIdDomain: 'example.cat', bounceDomain: 'mail.example.cat' };

describeOnEngines('the outbox repository', (engine) => {
  it('claims each due mail once, oldest first, and not again while its lease holds', async () => {
    await insertSite(engine(), 'site-a');
    const repo = repoOn(engine());
    const committer = committerOn(engine());
    const [late, early, future] = [
      mail('site-a', { nextAttemptAt: 2_000 }),
      mail('site-a', { nextAttemptAt: 1_500 }),
      mail('site-a', { nextAttemptAt: 10 * CLAIM_LEASE_MS }),
    ];
    await committer.run((tx) =>
      andThen(repo.insertInTx(tx, late), () => andThen(repo.insertInTx(tx, early), () => repo.insertInTx(tx, future))),
    );

    expect((await repo.claimDue(3_000, 3_000 + CLAIM_LEASE_MS))?.id).toBe(early.id);
    expect((await repo.claimDue(3_000, 3_000 + CLAIM_LEASE_MS))?.id).toBe(late.id);
    expect(await repo.claimDue(3_000, 3_000 + CLAIM_LEASE_MS)).toBeUndefined();
    expect(await repo.settle(late.id, 3_000 + CLAIM_LEASE_MS, { status: 'sent', attempts: 1, sentAt: 4 })).toBe(true);
    // A worker that died mid-send: once its lease is over, the mail is due again.
    expect((await repo.claimDue(3_000 + CLAIM_LEASE_MS, 4_000 + CLAIM_LEASE_MS))?.id).toBe(early.id);

    // Settling needs the claim still held: the first worker's lease was taken over.
    expect(await repo.settle(early.id, 3_000 + CLAIM_LEASE_MS, { status: 'sent' })).toBe(false);
    expect(await repo.settle(early.id, 4_000 + CLAIM_LEASE_MS, { status: 'sent', attempts: 1, sentAt: 5 })).toBe(true);
    expect(await repo.byId(early.id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: 5 });
    expect(await repo.settle(early.id, 4_000 + CLAIM_LEASE_MS, { status: 'failed' })).toBe(false);
  });

  it('lets two workers deliver at once without sending any mail twice', async () => {
    await insertSite(engine(), 'site-a');
    const committer = committerOn(engine());
    const rows = Array.from({ length: 12 }, () => mail('site-a'));
    for (const row of rows) await committer.run((tx) => repoOn(engine()).insertInTx(tx, row));
    // Two nodes: each its own repository and transport over the one database.
    const [a, b] = [new SlowTransport(), new SlowTransport()];
    const nodeA = new OutboxService(repoOn(engine()), a, OPTIONS);
    const nodeB = new OutboxService(repoOn(engine()), b, OPTIONS);
    await Promise.all([nodeA.deliverDue(5_000), nodeB.deliverDue(5_000)]);

    const sent = [...a.sent, ...b.sent].map((m) => m.messageId).sort();
    expect(sent).toEqual(rows.map((r) => r.messageId).sort());
    expect(a.sent.length).toBeGreaterThan(0);
    expect(b.sent.length).toBeGreaterThan(0);
    const repo = repoOn(engine());
    for (const row of rows) expect(await repo.byId(row.id)).toMatchObject({ status: 'sent', attempts: 1, via: 'smtp' });
  });

  it('retries a failing mail with a growing wait, then gives up', async () => {
    await insertSite(engine(), 'site-a');
    const repo = repoOn(engine());
    const row = mail('site-a');
    await committerOn(engine()).run((tx) => repo.insertInTx(tx, row));
    const failing: MailTransport = { via: 'smtp', send: async () => ({ ok: false, permanent: false, error: '421 busy' }), close() {} };
    const outbox = new OutboxService(repo, failing, OPTIONS);

    const before = Date.now();
    await outbox.deliverDue(5_000);
    const first = (await repo.byId(row.id))!;
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: '421 busy' });
    expect(first.nextAttemptAt).toBeGreaterThanOrEqual(before + 1000);
    await outbox.deliverDue(first.nextAttemptAt);
    const second = (await repo.byId(row.id))!;
    expect(second.attempts).toBe(2);
    expect(second.nextAttemptAt).toBeGreaterThanOrEqual(before + 2000);
    await outbox.deliverDue(second.nextAttemptAt);
    expect(await repo.byId(row.id)).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('queues at most the cap of a kind per conversation, even when asked at once', async () => {
    await insertSite(engine(), 'site-a');
    const repo = repoOn(engine());
    const committer = committerOn(engine());
    await committer.run((tx) => repo.insertInTx(tx, mail('site-a', { kind: 'replies' })));
    const asks = Array.from({ length: 5 }, () =>
      committer.run((tx) => repo.insertCappedInTx(tx, mail('site-a', { kind: 'transcript' }), 3)),
    );
    expect((await Promise.all(asks)).filter(Boolean)).toHaveLength(3);
    // Another conversation counts on its own.
    expect(await committer.run((tx) => repo.insertCappedInTx(tx, mail('site-a', { kind: 'transcript', conversationId: 'cnv-2' }), 3))).toBe(
      true,
    );
    expect((await repo.ofConversation('site-a', 'cnv-1')).map((r) => r.kind).sort()).toEqual([
      'replies',
      'transcript',
      'transcript',
      'transcript',
    ]);
  });

  it('reads a conversation’s mail and the mailbox within their site, and keeps watermarks', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = repoOn(engine());
    const committer = committerOn(engine());
    const sent = mail('site-a', { status: 'sent', via: 'mailbox', sentAt: 2_000, createdAt: 1_000 });
    const newer = mail('site-a', { createdAt: 3_000 });
    const foreign = mail('site-b', { status: 'sent', via: 'mailbox', sentAt: 2_500 });
    for (const row of [sent, newer, foreign]) await committer.run((tx) => repo.insertInTx(tx, row));
    expect((await repo.ofConversation('site-a', 'cnv-1')).map((r) => r.id)).toEqual([newer.id, sent.id]);
    expect((await repo.mailbox('site-a', 10)).map((r) => r.id)).toEqual([sent.id]);
    expect(await repo.byId(newer.id)).toEqual(newer);

    await repo.markBounced(sent.id, '550 no such user');
    expect(await repo.byId(sent.id)).toMatchObject({ status: 'bounced', lastError: '550 no such user' });

    expect(await repo.watermarks([])).toEqual(new Map());
    await committer.run((tx) =>
      repo.setWatermarkInTx(tx, { conversationId: 'cnv-1', siteId: 'site-a', visitorId: 'v-1', throughVisitorSeq: 2 }),
    );
    await committer.run((tx) =>
      repo.setWatermarkInTx(tx, { conversationId: 'cnv-1', siteId: 'site-a', visitorId: 'v-1', throughVisitorSeq: 5 }),
    );
    expect(await repo.watermarks(['cnv-1', 'cnv-9'])).toEqual(new Map([['cnv-1', 5]]));
  });

  it('writes inside a step: a mail and its watermark commit together, or neither does', async () => {
    await insertSite(engine(), 'site-a');
    const repo = repoOn(engine());
    const failed = committerOn(engine()).run((tx) =>
      andThen(repo.insertInTx(tx, mail('site-a')), () =>
        andThen(repo.setWatermarkInTx(tx, { conversationId: 'cnv-1', siteId: 'site-a', visitorId: 'v-1', throughVisitorSeq: 1 }), () => {
          throw new Error('refused');
        }),
      ),
    );
    await expect(failed).rejects.toThrow('refused');
    expect(await repo.ofConversation('site-a', 'cnv-1')).toEqual([]);
    expect(await repo.watermarks(['cnv-1'])).toEqual(new Map());
  });
});

describeOnEngines('the email module’s personal data', (engine) => {
  it('exports and erases only the subject’s mail and watermarks, only on its site', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = repoOn(engine());
    const committer = committerOn(engine());
    const theirs = mail('site-a', { visitorId: 'v-1' });
    const other = mail('site-a', { visitorId: 'v-2', conversationId: 'cnv-2' });
    const foreign = mail('site-b', { visitorId: 'v-1', conversationId: 'cnv-3' });
    for (const row of [theirs, other, foreign]) await committer.run((tx) => repo.insertInTx(tx, row));
    for (const [conversationId, siteId, visitorId] of [
      ['cnv-1', 'site-a', 'v-1'],
      ['cnv-2', 'site-a', 'v-2'],
      ['cnv-3', 'site-b', 'v-1'],
    ] as const) {
      await committer.run((tx) => repo.setWatermarkInTx(tx, { conversationId, siteId, visitorId, throughVisitorSeq: 1 }));
    }
    const source = new EmailPersonalData(repo);
    const scope = { siteId: 'site-a', subject: { kind: 'visitor' as const, id: 'v-1' }, visitorIds: ['v-1'], customerIds: [] };

    const exported = await source.exportRows(scope);
    expect(exported.email_outbox).toEqual([theirs]);
    expect(exported.email_watermarks).toEqual([{ conversationId: 'cnv-1', siteId: 'site-a', visitorId: 'v-1', throughVisitorSeq: 1 }]);

    // Another site's scope for the same visitor id erases nothing here.
    expect(await committer.run((tx) => source.eraseInTx(tx, { ...scope, siteId: 'site-c' }))).toBe(0);
    expect(await committer.run((tx) => source.eraseInTx(tx, scope))).toBe(2);
    expect(await repo.byId(theirs.id)).toBeUndefined();
    expect(await repo.byId(other.id)).toEqual(other);
    expect(await repo.byId(foreign.id)).toEqual(foreign);
    expect(await repo.watermarks(['cnv-1', 'cnv-2', 'cnv-3'])).toEqual(
      new Map([
        ['cnv-2', 1],
        ['cnv-3', 1],
      ]),
    );
  });

  it('purges a site’s mail older than the cutoff, in batches of the limit, and nothing else', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const repo = repoOn(engine());
    const committer = committerOn(engine());
    const old = [1, 2, 3].map((at) => mail('site-a', { createdAt: at }));
    const recent = mail('site-a', { createdAt: 50 });
    const foreignOld = mail('site-b', { createdAt: 1 });
    for (const row of [...old, recent, foreignOld]) await committer.run((tx) => repo.insertInTx(tx, row));
    const { purgeInTx } = new EmailPersonalData(repo).retention;

    expect(await committer.run((tx) => purgeInTx(tx, 'site-a', 10, 2))).toBe(2);
    expect(await committer.run((tx) => purgeInTx(tx, 'site-a', 10, 2))).toBe(1);
    expect(await committer.run((tx) => purgeInTx(tx, 'site-a', 10, 2))).toBe(0);
    expect((await repo.ofConversation('site-a', 'cnv-1')).map((r) => r.id)).toEqual([recent.id]);
    expect(await repo.byId(foreignOld.id)).toEqual(foreignOld);
  });
});
