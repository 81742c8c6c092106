import { cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { VisitorEvent } from '@mostrador/shared';
import type { ConnectionState } from '../chat/chatView.ts';
import { conversation, message, statusEvent } from '../chat/testEvents.ts';
import { visitorMessage } from '../chat/testSession.ts';
import { LiveAnnouncer } from './LiveAnnouncer.tsx';
import { renderInEnglish } from './testRender.tsx';

const history = [visitorMessage(1, 'client-a-xxxxxxxx', 'Hola'), message(2, { body: 'Bon dia' })];

describe('the widget’s live region', () => {
  afterEach(cleanup);

  function announcer(events: readonly VisitorEvent[], connection: ConnectionState = 'connected', lastSeq = events.at(-1)?.seq ?? 0) {
    return <LiveAnnouncer connection={connection} conversation={conversation({ lastSeq })} events={events} />;
  }
  const said = (container: Element) => [...container.querySelectorAll('[data-part="announcements"] p')].map((line) => line.textContent);

  it('reads out the agent’s new messages and the chat’s system lines once each, never what was there on opening nor the shopper’s own', () => {
    const { container, rerender } = renderInEnglish(announcer(history));
    expect(container.querySelector('[data-part="announcements"]')?.getAttribute('aria-live')).toBe('polite');
    expect(said(container)).toEqual([]);
    const mine = visitorMessage(3, 'client-b-xxxxxxxx', 'Teniu la talla L?');
    rerender(announcer([...history, mine]));
    expect(said(container)).toEqual([]);
    const reply = message(4, { body: 'Sí, en blau.' });
    rerender(announcer([...history, mine, reply]));
    const line = container.querySelector('[data-part="announcements"] p');
    expect(said(container)).toEqual(['Marta says: Sí, en blau.']);
    // A redraw with the same log (a receipt, the typing line) adds nothing and keeps the same node.
    rerender(announcer([...history, mine, reply]));
    expect(said(container)).toEqual(['Marta says: Sí, en blau.']);
    expect(container.querySelector('[data-part="announcements"] p')).toBe(line);
    rerender(announcer([...history, mine, reply, statusEvent(5, 'closed')]));
    expect(said(container)).toEqual(['Marta says: Sí, en blau.', 'The conversation was closed']);
  });

  it('reads out an agent’s message of files only by the files’ names', () => {
    const { container, rerender } = renderInEnglish(announcer(history));
    const files = [
      { id: 'att_1', name: 'label.pdf', mime: 'application/pdf', type: 'pdf' as const, size: 900 },
      { id: 'att_2', name: 'map.png', mime: 'image/png', type: 'image' as const, size: 900 },
    ];
    rerender(announcer([...history, message(3, { body: '', attachments: files })]));
    expect(said(container)).toEqual(['Marta sent label.pdf, map.png']);
  });

  it('reads out an agent’s product card sent alone by the product’s name', () => {
    const { container, rerender } = renderInEnglish(announcer(history));
    const product = { name: 'Hoodie', url: 'https://shop.example/p/hoodie', price: 42, currency: 'EUR', image: null, sku: null };
    rerender(announcer([...history, message(3, { body: '', product })]));
    expect(said(container)).toEqual(['Marta sent a product: Hoodie']);
  });

  it('keeps what a reconnection brings back as history, and announces what comes after it', () => {
    const { container, rerender } = renderInEnglish(announcer(history));
    rerender(announcer(history, 'reconnecting'));
    // Back: the server had two more events by then; the sync brings them in after the session.
    rerender(announcer(history, 'connected', 4));
    const missed = [...history, message(3), message(4)];
    rerender(announcer(missed, 'connected', 4));
    expect(said(container)).toEqual([]);
    rerender(announcer([...missed, message(5, { body: 'Hi ha algú?' })], 'connected', 5));
    expect(said(container)).toEqual(['Marta says: Hi ha algú?']);
  });

  it('keeps only the last three, since the older ones have been read out', () => {
    const { container, rerender } = renderInEnglish(announcer([]));
    const replies = [1, 2, 3, 4, 5].map((seq) => message(seq, { body: `reply ${seq}` }));
    rerender(<LiveAnnouncer connection="connected" conversation={conversation({ id: 'cnv_new', lastSeq: 5 })} events={replies} />);
    expect(said(container)).toEqual(['Marta says: reply 3', 'Marta says: reply 4', 'Marta says: reply 5']);
  });
});
