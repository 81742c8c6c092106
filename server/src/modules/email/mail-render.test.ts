import { describe, expect, it } from 'vitest';
import { renderMail, type MailContent } from './mail-render.ts';

const base: MailContent = {
  kind: 'replies',
  shopName: 'Botiga',
  language: 'en',
  timeZone: 'UTC',
  visitorName: null,
  lines: [],
  chatLink: 'https://shop.example/?chat',
  replyable: false,
};
const at = Date.parse('2026-12-06T10:00:00Z');

describe('a mail with files', () => {
  it('names each file of a message, with its type and size, and says they are in the chat; a file-only message has no empty line', () => {
    const mail = renderMail({
      ...base,
      lines: [
        {
          fromVisitor: false,
          authorName: 'Laia',
          body: '',
          at,
          files: [{ name: 'Factura 1042.pdf', mime: 'application/pdf', size: 52_300 }],
        },
        { fromVisitor: false, authorName: 'Laia', body: 'Here it is', at },
      ],
    });
    const text = mail.text.split('\n');
    const first = text.findIndex((l) => l.startsWith('Laia'));
    expect(text.slice(first, first + 6)).toEqual([
      'Laia (12/6/26, 10:00 AM):',
      '  Attached file: Factura 1042.pdf (PDF, 51 kB)',
      '',
      'Laia (12/6/26, 10:00 AM):',
      '  Here it is',
      '',
    ]);
    expect(text).toContain('The files are in the chat: open it to see them.');
    expect(mail.html).toContain('Attached file: Factura 1042.pdf (PDF, 51 kB)');
  });

  it('escapes a file name in the HTML part, and in Catalan says it in Catalan', () => {
    const mail = renderMail({
      ...base,
      language: 'ca',
      lines: [
        {
          fromVisitor: true,
          authorName: '',
          body: 'mira',
          at,
          files: [{ name: '<img src=x onerror=alert(1)>.png', mime: 'image/png', size: 2048 }],
        },
      ],
    });
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;.png');
    expect(mail.text).toContain('Fitxer adjunt: <img src=x onerror=alert(1)>.png');
    expect(mail.text).toContain('Els fitxers són al xat');
  });

  it('says nothing about files when there are none', () => {
    const mail = renderMail({ ...base, lines: [{ fromVisitor: false, authorName: 'Laia', body: 'Hello', at }] });
    expect(mail.text).not.toContain('files are in the chat');
    expect(mail.html).not.toContain('files are in the chat');
  });
});

describe('a mail with a product card', () => {
  it('gives the product a line of its own with name, price in the mail language and page, escaped in the HTML part', () => {
    const product = { name: 'Hoodie <b>M</b>', url: 'https://shop.example/p/hoodie?a=1&b=2', price: 42, currency: 'EUR' };
    const mail = renderMail({ ...base, language: 'es', lines: [{ fromVisitor: false, authorName: 'Laia', body: 'Este', at, product }] });
    const text = mail.text.split('\n');
    const first = text.findIndex((l) => l.startsWith('Laia'));
    expect(text.slice(first + 1, first + 3)).toEqual([
      '  Este',
      '  Producto: Hoodie <b>M</b>, 42,00\u00a0€, https://shop.example/p/hoodie?a=1&b=2',
    ]);
    // A product is not a file: no "the files are in the chat".
    expect(mail.text).not.toContain('archivos');
    expect(mail.html).toContain('Producto: Hoodie &lt;b&gt;M&lt;/b&gt;, 42,00\u00a0€, https://shop.example/p/hoodie?a=1&amp;b=2');
  });

  it('leaves the price out when the page gave none', () => {
    const product = { name: 'Gift card', url: 'https://shop.example/gift', price: null, currency: null };
    const mail = renderMail({ ...base, lines: [{ fromVisitor: false, authorName: 'Laia', body: '', at, product }] });
    expect(mail.text).toContain('  Product: Gift card, https://shop.example/gift');
  });
});
