import { fail, ok, pickVersion, type Result } from '@mostrador/shared';
import type { CannedReplyRow } from './canned-replies.repository.ts';
import type { CannedActor, CannedRepliesService } from './canned-replies.service.ts';
import { rankSuggestions, RECENT_USES, type PastUse } from './canned-suggest.ts';
import type { CannedUsesRepository } from './canned-uses.repository.ts';

/**
 * What the suggestions need from the conversations module, which owns the conversation tables: where a
 * conversation the agent may read stands (null otherwise), and what the visitor wrote at or before a seq.
 */
export interface ChatLines {
  lastFor(actor: CannedActor, conversationId: string): Promise<{ seq: number; text: string | null; language: string | null } | null>;
  textAt(siteId: string, conversationId: string, seq: number): Promise<string | null>;
}

/** Missing, another site's, or not the agent's: one answer, so nothing leaks which. */
const notFound = () => fail('not_found', 'No such canned reply or conversation');

/** Records which replies agents use, and suggests the likeliest ones for a visitor's last message. */
export class CannedSuggestions {
  constructor(
    private readonly canned: CannedRepliesService,
    private readonly uses: CannedUsesRepository,
    private readonly lines: ChatLines,
  ) {}

  async record(actor: CannedActor, replyId: string, conversationId: string, now = Date.now()): Promise<Result<null>> {
    const reply = (await this.canned.usable(actor)).find((row) => row.id === replyId);
    const line = reply ? await this.lines.lastFor(actor, conversationId) : null;
    if (!reply || !line) return notFound();
    await this.uses.insert({ siteId: actor.siteId, replyId, conversationId, agentId: actor.agentId, seq: line.seq, usedAt: now });
    return ok(null);
  }

  /** At most three replies the agent may use, best first; none when the visitor has not written. */
  async suggest(actor: CannedActor, conversationId: string): Promise<Result<CannedReplyRow[]>> {
    const line = await this.lines.lastFor(actor, conversationId);
    if (!line) return notFound();
    if (!line.text) return ok([]);
    const usable = new Map((await this.canned.usable(actor)).map((row) => [row.id, row]));
    const candidates = [...usable.values()].map((row) => ({
      id: row.id,
      shortcut: row.shortcut,
      text: `${row.title} ${row.shortcut} ${pickVersion(row.bodies, line.language, 'en')}`,
    }));
    const ranked = rankSuggestions(line.text, candidates, await this.#pastUses(actor.siteId, usable));
    return ok(ranked.flatMap(({ id }) => usable.get(id) ?? []));
  }

  /** The site's latest uses of replies this agent may use, each with the visitor message it answered. */
  async #pastUses(siteId: string, usable: ReadonlyMap<string, CannedReplyRow>): Promise<PastUse[]> {
    const texts = new Map<string, string | null>();
    const past: PastUse[] = [];
    for (const use of await this.uses.recent(siteId, RECENT_USES)) {
      if (!usable.has(use.replyId)) continue;
      const key = `${use.conversationId}:${use.seq}`;
      if (!texts.has(key)) texts.set(key, await this.lines.textAt(siteId, use.conversationId, use.seq));
      const visitorText = texts.get(key);
      if (visitorText) past.push({ replyId: use.replyId, visitorText });
    }
    return past;
  }
}
