import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMail } from '@mostrador/server';
import { listenForMail, TestSmtp, type SmtpListener } from '@mostrador/server/testing';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

const REPLY_DOMAIN = 'reply.botiga.example';
const SHOPPER = 'anna.puig@example.cat';

// The shop's outgoing mail goes to a real SMTP server this test runs; nothing of ours is mocked.
const outgoing = new TestSmtp();
let inbound: SmtpListener;
const inboundErrors: unknown[] = [];

beforeAll(() => outgoing.start());
afterAll(() => outgoing.close());

const shop = useDemoShop('email-loop-pass', {
  // A shopper who closes the tab is gone after this grace, not the default 15 s.
  visitorLeaveGraceMs: 200,
  mail: {
    ...loadMail({}, 0),
    from: 'Botiga <botiga@botiga.example>',
    replyDomain: REPLY_DOMAIN,
    // The port is known once the server above listens, before the shop server starts.
    get smtp() {
      return { host: '127.0.0.1', port: outgoing.port, secure: false, user: null, pass: null };
    },
    replyDelayMs: 500,
    workerIntervalMs: 100,
    retryBaseMs: 100,
  },
});

// The inbound listener, started as main.ts starts it, on a free port.
beforeAll(async () => {
  inbound = await listenForMail(shop.server.app.services.inboundMail, {
    port: 0,
    host: '127.0.0.1',
    maxBytes: 1024 * 1024,
    log: (err) => inboundErrors.push(err),
  });
});
afterAll(() => inbound?.close());

describe('the email loop, end to end', () => {
  it('mails the agent reply the shopper did not see, threads the emailed answer into the console, and the widget shows both when the shopper comes back', async () => {
    const shopName = shop.server.app.services.sites.demoSite()!.name;

    // Nobody online yet: the widget offers the contact form; the shopper writes and leaves an email.
    const context = await shop.browser.newContext({ viewport: { width: 1024, height: 760 }, locale: 'ca-ES', timezoneId: 'Europe/Madrid' });
    const shopper = await context.newPage();
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').click();
    await shopper.locator('textarea[data-part="composer"]').fill('Teniu la motxilla en verd?');
    await shopper.locator('button[data-part="send"]').click();
    await shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]').waitFor();
    const contactForm = shopper.locator('form[data-part="contact-form"]');
    await contactForm.locator('input[type="email"]').fill(SHOPPER);
    await contactForm.locator('button[type="submit"]').click();
    await shopper.locator('[data-part="contact-saved"]').waitFor();

    // The agent logs in and takes the chat; the shopper closes the tab, and the console sees them go.
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const row = agent.locator('[data-part="conversation-row"]');
    await expect.poll(() => row.count()).toBe(1);
    await row.first().click();
    const pane = agent.locator('[data-part="conversation"]');
    const visitorLines = pane.locator('[data-part="message"][data-author="visitor"] [data-part="body"]');
    await expect.poll(() => visitorLines.allTextContents()).toEqual(['Teniu la motxilla en verd?']);
    await shopper.close();
    await expect.poll(() => agent.locator('[data-part="presence"]').getAttribute('data-online'), { timeout: 10_000 }).toBe('false');

    const answer = 'Sí, en tenim dues en verd. Te la reservem?';
    await agent.locator('textarea[name="reply"]').fill(answer);
    await agent.locator('button[data-part="send"]').click();
    await expect
      .poll(() => pane.locator('[data-part="message"][data-author="agent"] [data-part="body"]').allTextContents())
      .toEqual([answer]);

    // The fact: the reply arrives at the SMTP server, to the shopper, with a reply-to that threads back.
    await expect.poll(() => outgoing.received.length, { timeout: 15_000 }).toBe(1);
    const mail = outgoing.received[0]!;
    expect(mail.to).toMatchObject({ value: [{ address: SHOPPER }] });
    expect(mail.text).toContain(answer);
    // In the shopper's browser language (Catalan), from the shop's name.
    expect(mail.subject).toBe(`${shopName}: una resposta al teu xat`);
    const replyTo = mail.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(new RegExp(`^reply\\+[0-9a-f]{24}@${REPLY_DOMAIN.replaceAll('.', '\\.')}$`));

    // The shopper answers from their mail program, quoting the mail below; a real SMTP client sends it to our listener.
    const emailed = 'Sí, guardeu-me-la fins dissabte, si us plau.';
    const transport = createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({
        from: `Anna Puig <${SHOPPER}>`,
        to: replyTo,
        subject: `Re: ${mail.subject ?? ''}`,
        inReplyTo: mail.messageId,
        text: [emailed, '', `El dv., 5 de des. 2026, ${shopName} va escriure:`, ...answer.split('\n').map((line) => `> ${line}`)].join(
          '\n',
        ),
      });
    } finally {
      transport.close();
    }
    // The console shows it once, without the quote.
    await expect.poll(() => visitorLines.allTextContents(), { timeout: 10_000 }).toEqual(['Teniu la motxilla en verd?', emailed]);

    // The shopper comes back (same browser context: same visitor); the panel is open as they left it, with both replies.
    const back = await context.newPage();
    await back.goto(`${shop.server.url}/shop/`);
    await back.locator('[data-part="panel"]').waitFor();
    const history = back.locator('[data-part="message"]:not([data-author="system"]) [data-part="body"]');
    await expect.poll(() => history.allTextContents(), { timeout: 10_000 }).toEqual(['Teniu la motxilla en verd?', answer, emailed]);

    // A later marker: the shopper writes from the widget; once the console has it, the emailed answer is still there once.
    await back.locator('textarea[data-part="composer"]').fill('Gràcies!');
    await back.locator('button[data-part="send"]').click();
    await expect.poll(() => visitorLines.allTextContents()).toEqual(['Teniu la motxilla en verd?', emailed, 'Gràcies!']);
    // Nothing more was mailed: the shopper's own answer is not sent back to them.
    expect(outgoing.received).toHaveLength(1);
    expect(inboundErrors).toEqual([]);
    await context.close();
    await agent.context().close();
  }, 90_000);
});
