import type { MailConfig } from '../../config.ts';
import { committerFor } from '../../db/committer.ts';
import type { Engine } from '../../db/engine.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { EmailPersonalData } from './email.personal-data.ts';
import { MailComposer, type MailDirectory } from './mail-composer.ts';
import { MailWorker } from './mail-worker.ts';
import type { OutboxRepository } from './outbox.repository.ts';
import { PgOutboxRepository } from './outbox.repository.pg.ts';
import { SqliteOutboxRepository } from './outbox.repository.sqlite.ts';
import { OutboxService } from './outbox.service.ts';
import { ReplyMailer, type ReplyMailerPorts } from './reply-mailer.ts';
import { MailboxTransport, SmtpTransport, type MailTransport } from './transport.ts';
import { Transcripts, type TranscriptSource } from './transcripts.ts';

export interface EmailModuleDeps {
  engine: Engine;
  /** SQLite's group commit; none on PostgreSQL. */
  groupCommit?: GroupCommit;
  mail: MailConfig;
  directory: MailDirectory;
  replies: ReplyMailerPorts;
  transcriptSource: TranscriptSource;
  log: (err: unknown) => void;
  /** A transport of the caller's, instead of the one the config names (tests). */
  transport?: MailTransport;
}

/** The outbox's repository for the engine; on SQLite its writes of their own join the group commit. */
export function outboxRepository(engine: Engine, groupCommit?: GroupCommit): OutboxRepository {
  if (engine.kind === 'postgres') return new PgOutboxRepository(engine.db);
  if (!groupCommit) throw new Error('SQLite commits through the group commit');
  return new SqliteOutboxRepository(engine.db, groupCommit);
}

/** Outgoing mail to shoppers, as one unit: outbox, reply mailer, transcripts, the worker and the privacy source. */
export function createEmailModule(deps: EmailModuleDeps) {
  const { mail } = deps;
  const repo = outboxRepository(deps.engine, deps.groupCommit);
  const committer = committerFor(deps.engine, deps.groupCommit);
  const transport = deps.transport ?? (mail.smtp ? new SmtpTransport(mail.smtp) : new MailboxTransport());
  const outbox = new OutboxService(repo, transport, {
    retryBaseMs: mail.retryBaseMs,
    maxAttempts: mail.maxAttempts,
    messageIdDomain: mail.replyDomain ?? domainOf(mail.from),
    bounceDomain: mail.replyDomain,
  });
  const composer = new MailComposer(deps.directory, { from: mail.from, replyDomain: mail.replyDomain });
  const mailer = new ReplyMailer(deps.replies, repo, outbox, composer, committer, mail.replyDelayMs);
  const worker = new MailWorker(mailer, outbox, mail.workerIntervalMs, deps.log);
  return {
    outbox,
    mailer,
    worker,
    transcripts: new Transcripts(deps.transcriptSource, outbox, composer, committer),
    personalData: new EmailPersonalData(repo),
    async close() {
      await worker.stop();
      transport.close();
    },
  };
}

function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}
