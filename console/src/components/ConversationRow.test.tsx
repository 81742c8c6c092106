import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { summary } from '../state/testFixtures.ts';
import { ConversationRow } from './ConversationRow.tsx';

const props = { selected: false, open: true, unread: 0, visitorTyping: false, now: 10_000, onSelect: () => {} };

describe('ConversationRow', () => {
  afterEach(cleanup);

  it('marks a conversation begun while nobody could answer as a ticket, and a live chat not', () => {
    const ticket = render(<ConversationRow {...props} conversation={summary({ id: 'cnv_ticket', ticketSince: 5_000 })} />);
    expect(ticket.container.querySelector('[data-part="ticket"]')?.textContent).toBe('Ticket');
    cleanup();
    const live = render(<ConversationRow {...props} conversation={summary({ id: 'cnv_live', ticketSince: null })} />);
    expect(live.container.querySelector('[data-part="ticket"]')).toBeNull();
  });
});
