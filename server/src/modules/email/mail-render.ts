import { fileTypeLabel, formatFileSize } from '@mostrador/shared/attachments';
import { fill, MAIL_CATALOGUES, type MailLanguage } from './mail-catalogue.ts';

export interface MailLine {
  /** Whose words: the shopper's own (a transcript) or an agent's. */
  fromVisitor: boolean;
  authorName: string;
  body: string;
  at: number;
  /** The message's files: named in the mail (their links need the chat, where the shopper is known). */
  files?: readonly { name: string; mime: string; size: number }[] | undefined;
  /** The message's product card: a line of text with its name, price and page (no image: mail clients fetch those). */
  product?: { name: string; url: string; price: number | null; currency: string | null } | undefined;
}

export interface MailContent {
  kind: 'replies' | 'transcript';
  shopName: string;
  language: MailLanguage;
  /** The shopper's time zone, for the times beside each message; null: UTC. */
  timeZone: string | null;
  visitorName: string | null;
  lines: readonly MailLine[];
  /** A page of the shop that opens the chat again; null when none is known. */
  chatLink: string | null;
  /** Whether answering the mail reaches the conversation (a reply-to address is set). */
  replyable: boolean;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Everything that enters the HTML part goes through here: a message is text, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

function timeOf(at: number, language: MailLanguage, timeZone: string | null): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short', timeZone: timeZone ?? 'UTC' };
  try {
    return new Intl.DateTimeFormat(language, options).format(at);
  } catch {
    // A time zone the runtime does not know: UTC, said so.
    return `${new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(at)} UTC`;
  }
}

/** "Hoodie, 42,00 €, https://shop.example/hoodie": the price only when the page gave one with its currency. */
function productText(product: NonNullable<MailLine['product']>, language: MailLanguage): string {
  const price =
    product.price !== null && product.currency !== null
      ? new Intl.NumberFormat(language, { style: 'currency', currency: product.currency }).format(product.price)
      : null;
  return [product.name, price, product.url].filter((part) => part !== null).join(', ');
}

/**
 * A multipart mail's two parts from the same words: plain text that reads
 * well on its own, and HTML where every value is escaped. Nothing a shopper
 * or an agent typed is ever interpreted as markup.
 */
export function renderMail(content: MailContent): RenderedMail {
  const words = MAIL_CATALOGUES[content.language];
  const shop = content.shopName || 'Mostrador';
  const values = { shop, name: content.visitorName ?? '' };
  const subject = fill(content.kind === 'replies' ? words.repliesSubject : words.transcriptSubject, values);
  const greeting = fill(content.visitorName ? words.greetingNamed : words.greeting, values);
  const intro = fill(content.kind === 'replies' ? words.repliesIntro : words.transcriptIntro, values);
  const footer = fill(words.footer, values);
  const lines = content.lines.map((line) => ({
    who: line.fromVisitor ? words.you : line.authorName,
    when: timeOf(line.at, content.language, content.timeZone),
    body: line.body,
    /** The lines under the message's words: its files, then its product card. */
    attached: [
      ...(line.files ?? []).map((f) =>
        fill(words.attached, { file: `${f.name} (${fileTypeLabel(f.mime)}, ${formatFileSize(f.size, content.language)})` }),
      ),
      ...(line.product ? [fill(words.product, { product: productText(line.product, content.language) })] : []),
    ],
    hasFiles: (line.files ?? []).length > 0,
  }));
  const anyFiles = lines.some((l) => l.hasFiles);

  const text = [
    greeting,
    '',
    intro,
    '',
    ...lines.flatMap((l) => [
      `${l.who} (${l.when}):`,
      ...(l.body ? l.body.split('\n').map((b) => `  ${b}`) : []),
      ...l.attached.map((f) => `  ${f}`),
      '',
    ]),
    ...(anyFiles ? [words.filesInChat] : []),
    ...(content.chatLink ? [`${words.continueChat}: ${content.chatLink}`] : []),
    ...(content.replyable ? [words.replyByEmail] : []),
    '',
    '-- ',
    footer,
    '',
  ].join('\n');

  const paragraph = (s: string) => `<p style="margin:0 0 12px">${escapeHtml(s)}</p>`;
  const html = [
    '<!doctype html>',
    `<html lang="${content.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f6f6f4;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d1d1b">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">',
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(shop)}</h1>`,
    paragraph(greeting),
    paragraph(intro),
    ...lines.map(
      (l) =>
        `<div style="margin:0 0 12px;padding:8px 12px;border-left:3px solid #1d6b57"><div style="font-size:13px;color:#555">${escapeHtml(l.who)} · ${escapeHtml(l.when)}</div>` +
        (l.body ? `<div style="white-space:pre-wrap">${escapeHtml(l.body)}</div>` : '') +
        l.attached.map((f) => `<div style="font-size:14px;color:#333">${escapeHtml(f)}</div>`).join('') +
        '</div>',
    ),
    ...(anyFiles ? [paragraph(words.filesInChat)] : []),
    ...(content.chatLink
      ? [
          `<p style="margin:20px 0"><a href="${escapeHtml(content.chatLink)}" style="background:#1d6b57;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(words.continueChat)}</a></p>`,
        ]
      : []),
    ...(content.replyable ? [paragraph(words.replyByEmail)] : []),
    `<p style="margin:24px 0 0;font-size:12px;color:#666">${escapeHtml(footer)}</p>`,
    '</div></body></html>',
  ].join('\n');

  return { subject, text, html };
}
