import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { artifactPath } from './chromium.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn } from './shop.ts';

// Without the demo's history: the search below counts exactly the results of its own chats (the history's
// returns say "devolució" too; demo-history.test.ts searches those).
const shop = useDemoShop('browser-test-pass', {}, { history: false });

/** A shopper in Catalan (the demo shop's language), so the Catalan version of each canned reply is the one picked. */
async function newShopper(): Promise<Page> {
  const context = await shop.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ca-ES' });
  return context.newPage();
}

/** The shopper writes in the open widget and waits until the server has taken it. */
async function shopperWrites(shopper: Page, text: string): Promise<void> {
  const sent = shopper.locator('[data-part="message"][data-author="visitor"][data-status="sent"]');
  const before = await sent.count();
  await shopper.locator('textarea[data-part="composer"]').fill(text);
  await shopper.locator('button[data-part="send"]').click();
  await expect.poll(() => sent.count()).toBe(before + 1);
}

/** The agent opens, in the inbox, the chat whose row shows `text` as its last message. */
async function agentOpens(agent: Page, text: string) {
  const row = agent.locator('[data-part="conversation-row"]').filter({ hasText: text });
  await row.click();
  const id = await row.getAttribute('data-conversation-id');
  const pane = agent.locator(`[data-part="conversation"][data-conversation-id="${id}"]`);
  await pane.locator('[data-part="message"][data-author="visitor"]').first().waitFor();
  return { id: id!, pane, reply: pane.locator('textarea[name="reply"]') };
}

/** The composer's text and the part of it that is selected. */
const composerState = (page: Page, selector: string) =>
  page.locator(selector).evaluate((box: HTMLTextAreaElement) => ({
    value: box.value,
    selected: box.value.slice(box.selectionStart, box.selectionEnd),
  }));

const agentSays = (shopper: Page) => shopper.locator('[data-part="message"][data-author="agent"] [data-part="body"]');

describe("the agent's toolbox", () => {
  it('fills a canned reply from the live cart, picked and sent from the keyboard, and the shopper reads exactly that', async () => {
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const shopper = await newShopper();
    await shopper.goto(`${shop.server.url}/shop/products/motxilla-de-lona`);
    await shopper.locator('button[data-add-to-cart]').click();
    await shopper.locator('[data-added]').waitFor();
    await shopper.locator('button[data-part="launcher"]').click();
    await shopperWrites(shopper, 'Hola! Tinc la motxilla a la cistella, em podeu ajudar?');

    // The agent opens the chat; the side panel shows the cart the reply will quote.
    const chat = await agentOpens(agent, 'Tinc la motxilla a la cistella');
    await expect.poll(() => chat.pane.locator('[data-part="cart-total"]').textContent()).toBe('€119.00');
    const box = `[data-conversation-id="${chat.id}"] textarea[name="reply"]`;

    // `/cist` narrows the picker to the cart reply; Enter inserts it with the total filled in.
    await chat.reply.focus();
    await agent.keyboard.type('/cist');
    const picker = chat.pane.locator('[data-part="canned-picker"]');
    await expect.poll(() => picker.locator('[role="option"] .canned-shortcut').allTextContents()).toEqual(['/cistella']);
    expect(await axeViolations(agent, '[data-part="conversation"]'), 'canned picker').toEqual([]);
    await agent.screenshot({ path: artifactPath('console-canned-picker.png') });
    await agent.keyboard.press('Enter');
    // The panel shows €119.00 in the agent's English; the reply is Catalan, and so is its amount.
    const cartReply = 'Veig a la teva cistella 119,00\u00a0€. Vols que t’ajudi a acabar la comanda?';
    await expect.poll(() => composerState(agent, box)).toEqual({ value: cartReply, selected: '' });
    await expect.poll(() => picker.count()).toBe(0);

    // Enter again sends it, and the shopper's widget shows exactly those words.
    await agent.keyboard.press('Enter');
    await expect.poll(() => agentSays(shopper).last().textContent()).toBe(cartReply);
    expect(await composerState(agent, box)).toEqual({ value: '', selected: '' });

    // `/` alone lists every reply by shortcut; ↓ moves to the returns reply, Tab inserts it with its
    // fill-in prompt selected, and the agent types the order number straight over it.
    await agent.keyboard.type('/');
    const options = picker.locator('[role="option"]');
    await expect
      .poll(() => options.locator('.canned-shortcut').allTextContents())
      .toEqual(['/cistella', '/devolucio', '/enviament', '/hola', '/motxilla']);
    await agent.keyboard.press('ArrowDown');
    await expect.poll(() => options.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await chat.reply.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
    await agent.keyboard.press('Tab');
    await expect
      .poll(() => composerState(agent, box))
      .toEqual({
        value: 'Tens 30 dies per tornar-lo. Escriu-nos el número de comanda ([número de comanda]) i et farem arribar l’etiqueta.',
        selected: '[número de comanda]',
      });
    await agent.keyboard.type('MS-4521');

    // A second reply into the same message: `/` again at the end of the text (Ctrl+End: End stops at the wrapped line's end).
    await agent.keyboard.press('Control+End');
    await agent.keyboard.type(' /cist');
    await agent.keyboard.press('Tab');
    const both = `Tens 30 dies per tornar-lo. Escriu-nos el número de comanda (MS-4521) i et farem arribar l’etiqueta. ${cartReply}`;
    await expect.poll(() => composerState(agent, box)).toEqual({ value: both, selected: '' });
    await agent.screenshot({ path: artifactPath('console-canned-filled.png') });
    await agent.keyboard.press('Enter');
    await expect.poll(() => agentSays(shopper).last().textContent()).toBe(both);
    await shopper.screenshot({ path: artifactPath('widget-canned-replies.png') });
  });

  it('keeps a private note from the shopper: in no frame their page receives, nor in the widget, nor after a reload', async () => {
    const shopper = await newShopper();
    // Every WebSocket frame and API answer the shopper's page gets, from its first load to the end of the test.
    const received: string[] = [];
    shopper.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => received.push(payload.toString())));
    shopper.on('response', (response) => {
      if (['fetch', 'xhr'].includes(response.request().resourceType()))
        void response.text().then(
          (body) => received.push(body),
          () => {},
        );
    });
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').click();
    await shopperWrites(shopper, 'Puc canviar l’adreça d’enviament de la comanda?');

    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const chat = await agentOpens(agent, 'Puc canviar l’adreça');
    const form = chat.pane.locator('form.composer');

    // Note mode: the box says so, and the note is written and sent from the keyboard like a reply.
    // (The demo has one agent, Laia, so there is nobody to @mention.)
    const marker = `nota-${Date.now().toString(36)}`;
    await chat.pane.locator('button[data-part="note-toggle"]').click();
    await expect.poll(() => chat.pane.locator('button[data-part="note-toggle"]').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => form.getAttribute('data-mode')).toBe('note');
    await chat.reply.focus();
    await agent.keyboard.type(`Client habitual (${marker}): comprovar l’adreça abans d’enviar`);
    await agent.keyboard.press('Enter');

    // The console shows it among the messages, as a note and not as a message.
    const note = chat.pane.locator('[data-part="note"]').filter({ hasText: marker });
    await note.waitFor();
    expect(await note.locator('[data-part="body"]').textContent()).toBe(`Client habitual (${marker}): comprovar l’adreça abans d’enviar`);
    expect(await note.getAttribute('aria-label')).toBe('Internal note');
    expect(await chat.pane.locator('[data-part="message"]').filter({ hasText: marker }).count()).toBe(0);
    expect(await axeViolations(agent, '[data-part="conversation"]'), 'note in the log').toEqual([]);
    await agent.screenshot({ path: artifactPath('console-private-note.png') });

    // Back to replies: an ordinary message follows, and reaches the shopper.
    await chat.pane.locator('button[data-part="note-toggle"]').click();
    await expect.poll(() => form.getAttribute('data-mode')).toBe('reply');
    await chat.reply.focus();
    const later = 'Sí, ja l’he canviada. Arribarà a la nova adreça.';
    await agent.keyboard.type(later);
    await agent.keyboard.press('Enter');
    await expect.poll(() => agentSays(shopper).allTextContents()).toContain(later);

    expect(
      received.some((frame) => frame.includes(later)),
      'the recorder hears the later message',
    ).toBe(true);
    expect(received.filter((frame) => frame.includes(marker))).toEqual([]);
    expect(await shopper.locator('[data-part="panel"]').textContent()).not.toContain(marker);

    // A reload syncs the history again: the later message is there, the note is not.
    const heard = received.length;
    await shopper.reload();
    await expect.poll(() => agentSays(shopper).allTextContents()).toContain(later);
    expect(received.length, 'the reload was recorded too').toBeGreaterThan(heard);
    expect(received.filter((frame) => frame.includes(marker))).toEqual([]);
    expect(await shopper.locator('[data-part="panel"]').textContent()).not.toContain(marker);
    await shopper.screenshot({ path: artifactPath('widget-no-note.png') });
  });

  it('finds a chat by an accent-less word and by a misspelt one, highlights the word, and opens the chat', async () => {
    const shopper = await newShopper();
    await shopper.goto(`${shop.server.url}/shop/`);
    await shopper.locator('button[data-part="launcher"]').click();
    await shopperWrites(shopper, 'Vull fer la devolució de les sabatilles');
    await shopperWrites(shopper, 'Les vaig pagar amb tarjeta de crèdit');

    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    const row = agent.locator('[data-part="conversation-row"]').filter({ hasText: 'tarjeta de crèdit' });
    const id = await row.getAttribute('data-conversation-id');

    // The header's Search, from the keyboard: the words, then Enter.
    await agent.locator('[data-part="nav-search"]').click();
    const query = agent.locator('input[name="q"]');
    const status = agent.locator('.search-page [role="status"]');
    const hit = agent.locator(`[data-part="search-results"] button[data-conversation-id="${id}"]`);
    async function search(words: string) {
      await query.fill(words);
      await query.press('Enter');
    }

    // Accents are ignored: "devolucio" finds "devolució", which is highlighted.
    await search('devolucio');
    await hit.waitFor();
    expect(await hit.locator('.search-snippet').textContent()).toBe('Vull fer la devolució de les sabatilles');
    expect(await hit.locator('mark').allTextContents()).toEqual(['devolució']);
    expect(await status.textContent()).toBe('1 result shown.');
    expect(await hit.locator('.search-hit-meta').textContent()).toMatch(/^#\w+ · Visitor · /);

    // A typo: "tarjta" finds "tarjeta", and the page names the spelling it used.
    await search('tarjta');
    await expect.poll(() => hit.locator('mark').allTextContents()).toEqual(['tarjeta']);
    expect(await hit.locator('.search-snippet').textContent()).toBe('Les vaig pagar amb tarjeta de crèdit');
    expect(await status.textContent()).toContain('Also searched for: tarjeta.');
    expect(await axeViolations(agent), 'search results').toEqual([]);
    await agent.screenshot({ path: artifactPath('console-search.png') });

    // Enter on the result opens the conversation in the inbox.
    await hit.focus();
    await agent.keyboard.press('Enter');
    const pane = agent.locator(`[data-part="conversation"][data-conversation-id="${id}"]`);
    await expect
      .poll(() => pane.locator('[data-part="message"][data-author="visitor"] [data-part="body"]').allTextContents())
      .toEqual(['Vull fer la devolució de les sabatilles', 'Les vaig pagar amb tarjeta de crèdit']);
    expect(await agent.locator('[data-part="nav-inbox"]').getAttribute('aria-current')).toBe('page');
  });
});
