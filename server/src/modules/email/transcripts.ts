import { fail, ok, type Result, type TranscriptQueued, type TranscriptRequest } from '@mostrador/shared';
import type { Committer } from '../../db/committer.ts';
import type { MailComposer } from './mail-composer.ts';
import type { MailerEvent } from './reply-mailer.ts';
import type { OutboxService } from './outbox.service.ts';

/** The visitor's own conversation as they see it; a foreign or missing id answers not_found. */
export type TranscriptSource = (
  siteId: string,
  visitorId: string,
  conversationId: string,
) => Promise<Result<{ conversation: { id: string; siteId: string; visitorId: string }; events: MailerEvent[] }>>;

/** A shopper may ask this many times per conversation: enough to fix a typo, too few to mail-bomb someone. */
export const TRANSCRIPTS_PER_CONVERSATION = 3;

/** "Email me this conversation", from the widget at the end of a chat. */
export class Transcripts {
  constructor(
    private readonly source: TranscriptSource,
    private readonly outbox: OutboxService,
    private readonly composer: MailComposer,
    private readonly committer: Committer,
  ) {}

  async request(siteId: string, visitorId: string, input: TranscriptRequest): Promise<Result<TranscriptQueued>> {
    const found = await this.source(siteId, visitorId, input.conversationId);
    if (!found.ok) return found;
    const known = await this.composer.recipient(siteId, visitorId);
    const email = input.email ?? known?.email;
    if (!email) return fail('invalid_payload', 'An email address is needed');
    const { conversation, events } = found.data;
    const lines = events
      .filter((e) => e.type === 'message')
      .map((e) => ({
        fromVisitor: e.authorKind === 'visitor',
        authorName: e.authorName ?? '',
        body: e.body ?? '',
        at: e.createdAt,
        files: e.data?.attachments,
        product: e.data?.product,
      }));
    const to = { email, name: known?.name ?? null, language: known?.language ?? null, timeZone: known?.timeZone ?? null };
    const mail = await this.composer.compose(conversation, 'transcript', to, lines);
    // Counted and queued in one step, so requests at once (on any node) cannot pass the limit together.
    const queued = await this.committer.run((tx) => this.outbox.enqueueCappedInTx(tx, mail, Date.now(), TRANSCRIPTS_PER_CONVERSATION));
    return queued ? ok({ email }) : fail('conflict', 'This transcript was already sent');
  }
}
