import { mailLanguageOf } from './mail-catalogue.ts';
import { renderMail, type MailLine } from './mail-render.ts';
import type { QueuedMail } from './outbox.service.ts';
import { replyAddress } from './reply-address.ts';

/** A shopper the shop can write to. */
export interface Recipient {
  email: string;
  name: string | null;
  /** The browser's language and time zone as the widget last told them. */
  language: string | null;
  timeZone: string | null;
}

/** What the email module needs to know about a site and its visitors; app.ts connects it. */
export interface MailDirectory {
  shopName(siteId: string): string;
  /** How to reach the visitor by email (the offline form, or a verified identify); null: it cannot. */
  recipient(siteId: string, visitorId: string): Promise<Recipient | null>;
  /** A page of the shop that reopens the chat (the visitor's last one on an allowed origin); null when none. */
  chatLink(siteId: string, visitorId: string): Promise<string | null>;
}

export interface ComposerOptions {
  from: string;
  /** The reply-to domain (mail.replyDomain); null: no reply-to, the mail says nothing about answering it. */
  replyDomain: string | null;
}

/** The widget opens its panel on a page whose address ends with this fragment. */
export const OPEN_CHAT_FRAGMENT = 'mostrador-chat';

/** Turns a conversation's lines into a queued, rendered, addressed mail. */
export class MailComposer {
  constructor(
    private readonly directory: MailDirectory,
    private readonly options: ComposerOptions,
  ) {}

  recipient(siteId: string, visitorId: string): Promise<Recipient | null> {
    return this.directory.recipient(siteId, visitorId);
  }

  async compose(
    conversation: { siteId: string; id: string; visitorId: string },
    kind: QueuedMail['kind'],
    to: Recipient,
    lines: readonly MailLine[],
  ): Promise<QueuedMail> {
    const replyTo = this.options.replyDomain ? replyAddress(conversation.id, this.options.replyDomain) : null;
    const rendered = renderMail({
      kind,
      shopName: this.directory.shopName(conversation.siteId),
      language: mailLanguageOf(to.language),
      timeZone: to.timeZone,
      visitorName: to.name,
      lines,
      chatLink: await this.directory.chatLink(conversation.siteId, conversation.visitorId),
      replyable: replyTo !== null,
    });
    return {
      siteId: conversation.siteId,
      conversationId: conversation.id,
      visitorId: conversation.visitorId,
      kind,
      toAddress: to.email,
      fromAddress: this.options.from,
      replyTo,
      ...rendered,
    };
  }
}

/** A page address with the fragment that opens the chat; null when it is not an http(s) address. */
export function chatLinkOf(pageUrl: string): string | null {
  try {
    const url = new URL(pageUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    url.hash = OPEN_CHAT_FRAGMENT;
    return url.href;
  } catch {
    return null;
  }
}
