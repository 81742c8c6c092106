import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationEmail } from '@mostrador/shared';
import { ConversationEmails } from './ConversationEmails.tsx';

const mail = (overrides: Partial<ConversationEmail>): ConversationEmail => ({
  id: 'eml_1',
  kind: 'replies',
  to: 'anna@example.cat',
  status: 'sent',
  attempts: 1,
  error: null,
  createdAt: Date.UTC(2026, 11, 5, 9, 0),
  sentAt: Date.UTC(2026, 11, 5, 9, 1),
  ...overrides,
});

describe('the emails on a conversation', () => {
  afterEach(cleanup);

  it('lists what was sent, and shows a failure and a bounce in red with the server’s reason', async () => {
    const load = vi.fn(async () => ({
      ok: true as const,
      data: [
        mail({ id: 'eml_3', kind: 'transcript', status: 'bounced', error: '550 5.1.1 user unknown' }),
        mail({ id: 'eml_2', status: 'failed', sentAt: null, error: '554 rejected' }),
        mail({ id: 'eml_1', status: 'pending', attempts: 2, sentAt: null, error: '451 try later' }),
      ],
    }));
    const { container } = render(<ConversationEmails conversationId="cnv_a" revision={1} load={load} />);
    await waitFor(() => expect(container.querySelectorAll('li')).toHaveLength(3));
    expect(load).toHaveBeenCalledWith('cnv_a');
    const items = [...container.querySelectorAll('li')];
    expect(items.map((li) => li.dataset.status)).toEqual(['bounced', 'failed', 'pending']);
    expect(items.map((li) => li.classList.contains('email-trouble'))).toEqual([true, true, false]);
    expect(items[0]!.textContent).toMatch(/^Transcript to anna@example\.cat, .+: Bounced — 550 5\.1\.1 user unknown$/);
    expect(items[2]!.textContent).toContain('Waiting to be sent (attempt 3)');
  });

  it('shows nothing while no mail was sent, and says so when the list could not be loaded', async () => {
    const load = vi.fn(async () => ({ ok: true as const, data: [] }));
    const empty = render(<ConversationEmails conversationId="cnv_a" revision={1} load={load} />);
    await waitFor(() => expect(load).toHaveBeenCalled());
    expect(empty.container.childElementCount).toBe(0);
    cleanup();
    const failed = render(
      <ConversationEmails
        conversationId="cnv_a"
        revision={1}
        load={async () => ({ ok: false, error: { code: 'internal', message: '' } })}
      />,
    );
    await waitFor(() => expect(failed.container.textContent).toBe('The emails could not be loaded.'));
  });
});
