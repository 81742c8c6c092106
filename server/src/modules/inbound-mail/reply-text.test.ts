import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';
import { ReplyText } from './reply-text.ts';

const parsers: ReplyText[] = [];
const replyText = (timeoutMs?: number) => {
  const parser = new ReplyText(timeoutMs);
  parsers.push(parser);
  return parser;
};

afterEach(async () => {
  for (const parser of parsers.splice(0)) await parser.close();
});

describe('the reply text of an email', () => {
  it('drops a Catalan Gmail quote and its header, even with no signature to cut at', async () => {
    const body = [
      'Sí, la vull en blau.',
      '',
      'El dv., 5 de des. 2026 a les 10:00, Test shop <reply+0123456789abcdef01234567@reply.shop.example> va escriure:',
      '> Hola Anna, la tenim en blau i en negre.',
    ].join('\r\n');
    expect(await replyText().of(body)).toBe('Sí, la vull en blau.');
  });

  it('drops a Spanish mobile signature and quote, and an English one wrapped over two lines', async () => {
    const spanish = 'Vale, gracias\n\nEnviado desde mi iPhone\n\nEl 5 dic 2026, a las 10:00, Tienda <reply@x.example> escribió:\n> Hola\n';
    expect(await replyText().of(spanish)).toBe('Vale, gracias');
    const english =
      'Yes please.\n\nOn Fri, Dec 5, 2026 at 10:00 AM Test shop <\nreply+0123456789abcdef01234567@reply.shop.example> wrote:\n> Hi\n';
    expect(await replyText().of(english)).toBe('Yes please.');
  });

  it('masks a card number and cuts a long reply to a chat message’s length', async () => {
    expect(await replyText().of('La meva targeta és 4111 1111 1111 1111, cobreu-me')).not.toContain('4111 1111 1111 1111');
    const long = await replyText().of('paraula '.repeat(1000));
    expect(long).toHaveLength(MAX_MESSAGE_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });

  it('falls back to the lines above the first quote when the parser overruns its time, and parses the next mail again', async () => {
    const parser = replyText(1500);
    // A line that takes the library's quote-header patterns seconds to reject.
    const crafted = `1111${'from<'.repeat(1600)}\n> quoted`;
    expect(await parser.of(crafted)).toBe(`1111${'from<'.repeat(1600)}`.slice(0, MAX_MESSAGE_CHARS - 1) + '…');
    expect(parser.overruns).toBe(1);
    expect(await parser.of('Gràcies!\n\n-- \nAnna')).toBe('Gràcies!');
    expect(parser.overruns).toBe(1);
  });
});
