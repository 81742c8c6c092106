import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent } from '@testing-library/preact';
import { message } from '../chat/testEvents.ts';
import { visitorMessage } from '../chat/testSession.ts';
import { initialsOf } from '@mostrador/shared/initials';
import { MessageList, toLogEntries } from './MessageList.tsx';
import { renderInEnglish } from './testRender.tsx';

// Built from local calendar fields: the separators follow the viewer's own time zone, whichever it is.
const at = (day: number, hour: number) => new Date(2026, 11, day, hour, 5).getTime();
const now = at(5, 10);

const log = [
  visitorMessage(1, 'client-a-xxxxxxxx', 'Hola'),
  message(2, { body: 'Bon dia' }),
  message(3, { body: 'En què et puc ajudar?' }),
  visitorMessage(4, 'client-b-xxxxxxxx', 'Les sabates'),
  message(5, { body: 'Ara miro' }),
  visitorMessage(6, 'client-c-xxxxxxxx', 'Gràcies'),
].map((event, i) => ({ ...event, createdAt: [at(1, 9), at(1, 9), at(4, 20), at(4, 21), at(5, 8), at(5, 9)][i]! }));

describe('the widget’s log', () => {
  afterEach(cleanup);

  it('starts each day with a separator and a new run of the agent’s messages with their name, and puts the receipt on the last message read', () => {
    renderInEnglish(<span />);
    const entries = toLogEntries(log, [], null, false, 5, now);
    const shape = entries.map((entry) =>
      entry.kind === 'day'
        ? `— ${entry.label}`
        : entry.kind === 'event' && entry.event.type === 'message'
          ? `${entry.event.body}${entry.showAuthor && entry.event.author.kind === 'agent' ? ' [Marta]' : ''}${entry.read ? ' (read)' : ''}`
          : entry.kind,
    );
    expect(shape).toEqual([
      '— Tuesday, December 1',
      'Hola',
      'Bon dia [Marta]',
      '— Yesterday',
      'En què et puc ajudar? [Marta]',
      'Les sabates (read)',
      '— Today',
      'Ara miro [Marta]',
      'Gràcies',
    ]);
  });

  it('renders times, the initials avatar and the receipt as text, with nothing read before the agent reads', () => {
    const { container, rerender } = renderInEnglish(
      <MessageList events={log} pending={[]} invitation={null} invitationFirst={false} onRetry={() => {}} />,
    );
    expect([...container.querySelectorAll('[data-part="day"]')].map((d) => d.textContent)).toHaveLength(3);
    expect(container.querySelectorAll('time.time')).toHaveLength(6);
    expect(container.querySelector('[data-part="author"] .avatar')?.textContent).toBe('M');
    expect(container.querySelector('[data-part="author"] .avatar')?.getAttribute('aria-hidden')).toBe('true');
    expect(container.querySelector('[data-part="read-receipt"]')).toBeNull();
    rerender(<MessageList events={log} pending={[]} invitation={null} invitationFirst={false} agentReadSeq={6} onRetry={() => {}} />);
    const read = container.querySelectorAll('[data-part="read-receipt"]');
    expect(read).toHaveLength(1);
    expect(read[0]!.closest('[data-part="message"]')?.querySelector('[data-part="body"]')?.textContent).toBe('Gràcies');
    expect(read[0]!.textContent).toContain('Read');
  });

  it('makes initials from the first and last name', () => {
    expect(initialsOf('Marta')).toBe('M');
    expect(initialsOf('  anna maria   puig ')).toBe('AP');
    expect(initialsOf('Òscar Ñúñez')).toBe('ÒÑ');
  });

  it('keeps the end in view when a thumbnail near it loads, and leaves a shopper reading back where they are', () => {
    const { container } = renderInEnglish(
      <MessageList
        events={[]}
        pending={[]}
        invitation={null}
        invitationFirst={false}
        header={<img alt="parcel.png" />}
        onRetry={() => {}}
      />,
    );
    const list = container.querySelector<HTMLElement>('[role="log"]')!;
    const img = container.querySelector('img')!;
    Object.defineProperty(list, 'scrollHeight', { value: 1000, configurable: true });
    Object.defineProperty(list, 'clientHeight', { value: 300, configurable: true });
    Object.defineProperty(img, 'offsetHeight', { value: 80, configurable: true });
    list.scrollTop = 0;
    fireEvent.load(img);
    expect(list.scrollTop).toBe(0);
    list.scrollTop = 600;
    fireEvent.load(img);
    expect(list.scrollTop).toBe(1000);
  });
});
