import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MailboxMail } from '@mostrador/shared';
import { findIn, stubApi } from '../testApi.ts';
import { MailboxPage } from './MailboxPage.tsx';

const mail: MailboxMail = {
  id: 'eml_1',
  conversationId: 'cnv_1',
  to: 'anna@example.cat',
  from: 'Botiga <botiga@shop.example>',
  replyTo: 'reply+00ff@mail.shop.example',
  subject: 'Botiga: una resposta al teu xat',
  text: 'Hola Anna,\n\nMarta: <img src=x onerror=alert(1)>',
  html: '<p>Hola Anna,</p><p>&lt;img src=x onerror=alert(1)&gt;</p>',
  sentAt: Date.UTC(2026, 11, 5, 9, 30),
};

describe('MailboxPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows each kept mail’s headers and plain text as text, and its HTML only as source', async () => {
    stubApi({ 'GET /api/admin/mailbox': [200, { transport: 'mailbox', mails: [mail] }] });
    const { container } = render(<MailboxPage />);
    const item = await findIn(container, '.mailbox-mail');
    expect(item.querySelector('h3')!.textContent).toBe('Botiga: una resposta al teu xat');
    expect([...item.querySelectorAll('dd')].map((dd) => dd.textContent)).toEqual(
      expect.arrayContaining(['anna@example.cat', 'Botiga <botiga@shop.example>', 'reply+00ff@mail.shop.example']),
    );
    expect(item.querySelector('.mailbox-text')!.textContent).toBe(mail.text);
    expect(item.querySelector('.mailbox-html')!.textContent).toBe(mail.html);
    // Nothing of either part became markup: no image, no paragraph, no frame.
    expect(item.querySelectorAll('img, p, iframe')).toHaveLength(0);
  });

  it('says mail goes to the SMTP server when one is configured', async () => {
    stubApi({ 'GET /api/admin/mailbox': [200, { transport: 'smtp', mails: [] }] });
    const { container } = render(<MailboxPage />);
    await waitFor(() => expect(container.textContent).toContain('SMTP server'));
    expect(container.querySelector('.mailbox-list')).toBeNull();
  });
});
