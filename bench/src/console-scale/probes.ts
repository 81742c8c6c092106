import type { Page } from 'playwright-core';

/**
 * In-page measurements. They run inside Chromium, so the times are the
 * page's own clock and no Playwright round trip counts. They are written as
 * plain JavaScript text, not functions: tsx compiles the bench with names
 * kept (`__name(...)` wrappers), a helper that does not exist in the page.
 */

/**
 * Clicks the All tab until it is selected (the inbox may mount more than
 * once while the session is confirmed) and records, relative to navigation
 * start, the animation frame in which the All list first holds rows.
 */
const INBOX_PROBE = `(() => {
  const tick = () => {
    const tab = document.querySelector('button[data-part="tab"][data-view="all"]');
    if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
    if (document.querySelector('#conversation-list[data-view="all"] [data-part="conversation-row"]')) {
      window.__inboxRenderedAt = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** Installed before the console's own scripts run, on every later navigation. */
export async function armInboxProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: INBOX_PROBE });
}

export async function inboxRenderedAt(page: Page, timeoutMs: number): Promise<number> {
  await page.waitForFunction('window.__inboxRenderedAt !== undefined', null, { timeout: timeoutMs });
  return page.evaluate<number>('window.__inboxRenderedAt');
}

/**
 * In-page: resolves with a conversation's row. The list is windowed, so it
 * pages down through it until the row is rendered.
 */
const FIND_ROW = `(async (conversationId) => {
    const selector = '[data-part="conversation-row"][data-conversation-id="' + conversationId + '"]';
    const list = document.querySelector('#conversation-list');
    const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    list.scrollTop = 0;
    await frame();
    while (!document.querySelector(selector) && list.scrollTop + list.clientHeight < list.scrollHeight) {
      list.scrollTop += list.clientHeight;
      await frame();
    }
    const row = document.querySelector(selector);
    if (!row) throw new Error('no row for ' + conversationId);
    return row;
  })`;

/**
 * Clicks a conversation's row and resolves with the ms until the message
 * with `lastSeq` is in the pane and inside the log's visible box. The row is
 * first found and scrolled into view, outside the timing, as an agent would.
 */
export function openAndWaitForLast(page: Page, conversationId: string, lastSeq: number, timeoutMs: number): Promise<number> {
  const args = JSON.stringify({ conversationId, lastSeq, timeoutMs });
  return page.evaluate<number>(`(async ({ conversationId, lastSeq, timeoutMs }) => {
    const row = await (${FIND_ROW})(conversationId);
    row.scrollIntoView({ block: 'nearest' });
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return new Promise((resolve, reject) => {
    const started = performance.now();
    row.click();
    const visible = () => {
      const pane = document.querySelector('[data-part="conversation"][data-conversation-id="' + conversationId + '"]');
      const message = pane && pane.querySelector('[data-seq="' + lastSeq + '"]');
      const log = message && message.closest('.message-log');
      if (!log) return false;
      const box = message.getBoundingClientRect();
      const frame = log.getBoundingClientRect();
      return box.height > 0 && box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
    };
    const tick = () => {
      if (visible()) resolve(performance.now() - started);
      else if (performance.now() - started > timeoutMs) reject(new Error('last message not visible in time'));
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  })(${args})`);
}

/** Clicks a row in the page, found by paging through the windowed list. */
export async function clickRow(page: Page, conversationId: string): Promise<void> {
  await page.evaluate(`${FIND_ROW}(${JSON.stringify(conversationId)}).then((row) => row.click())`);
}

export async function startFrameSampler(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__sampling = true;
    let last;
    const tick = (time) => {
      if (last !== undefined) window.__frames.push(time - last);
      last = time;
      if (window.__sampling) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

export function stopFrameSampler(page: Page): Promise<number[]> {
  return page.evaluate<number[]>('(() => { window.__sampling = false; return window.__frames; })()');
}
