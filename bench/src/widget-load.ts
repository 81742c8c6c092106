import { chromium, type Browser, type Response } from 'playwright-core';
import { seedDemo } from '@mostrador/server';
import { startTestServer } from '@mostrador/server/testing';

export interface WidgetLoad {
  /** Bytes on the wire (encoded bodies) of the widget's responses before the visitor does anything, with gzip and with brotli. */
  beforeInteraction: { gzip: number; brotli: number; files: string[] };
  /** The same after the panel has opened: everything a visitor who chats downloads. */
  whole: { gzip: number; brotli: number; files: string[] };
  /** Click on the launcher to the panel in the DOM (styled: its sheet is adopted before it renders), panel chunk not fetched yet. */
  panelOpenColdMs: number;
  /** The same after the pointer came near the launcher (the chunk prefetched), as a mouse user gets it. */
  panelOpenPrefetchedMs: number;
  /**
   * The longest main-thread task (Long Tasks API: only tasks over 50 ms are
   * reported, so 0 means none) from navigation until the page is idle, the
   * widget started and connected, in each of the three loads.
   */
  longestStartTaskMs: number[];
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Clicks the launcher and resolves with the milliseconds until the panel is
 * in the DOM and styled (the panel's own sheet gives it a background;
 * unstyled it would be transparent), checked every frame. A string, because
 * tsx would wrap a function's inner helpers in a `__name` the page lacks.
 */
const OPEN_AND_TIME = `new Promise((resolve) => {
  const root = document.getElementById('mostrador-widget').shadowRoot;
  const started = performance.now();
  root.querySelector('button[data-part="launcher"]').click();
  const check = () => {
    const panel = root.querySelector('[data-part="panel"]');
    if (panel && getComputedStyle(panel).backgroundColor !== 'rgba(0, 0, 0, 0)') resolve(performance.now() - started);
    else requestAnimationFrame(check);
  };
  check();
})`;

/**
 * Records the page's long tasks from its first script on (an init script
 * runs before the page's own). A string, for the same reason as above.
 */
const RECORD_LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry.duration); })
  .observe({ type: 'longtask', buffered: true });`;

/** widget.js and everything under /widget/ (the panel chunk, catalogues): the widget's own downloads, not the shop's. */
const isWidgetFile = (url: string) => /\/widget(\.js$|\/)/.test(new URL(url).pathname);

async function encodedSizes(responses: Response[]) {
  let bytes = 0;
  const files: string[] = [];
  for (const response of responses) {
    bytes += (await response.request().sizes()).responseBodySize;
    files.push(new URL(response.url()).pathname);
  }
  return { bytes, files };
}

/** Opens the demo shop in a fresh context and times opening the panel, from the page's own clock. */
async function visit(browser: Browser, shopUrl: string, encoding: 'gzip' | 'br', prefetch: boolean) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, extraHTTPHeaders: { 'accept-encoding': encoding } });
  await context.addInitScript({ content: RECORD_LONG_TASKS });
  const page = await context.newPage();
  const responses: Response[] = [];
  page.on('response', (response) => {
    if (isWidgetFile(response.url())) responses.push(response);
  });
  await page.goto(shopUrl, { waitUntil: 'load' });
  const launcher = page.locator('button[data-part="launcher"]');
  await launcher.waitFor();
  // Nothing more on its way (the socket aside): what a page view costs before the visitor acts.
  await page.waitForLoadState('networkidle');
  const before = await encodedSizes(responses);
  const longestStartTaskMs = (await page.evaluate('Math.max(0, ...window.__longTasks)')) as number;
  if (prefetch) {
    const box = (await launcher.boundingBox())!;
    const chunk = page.waitForResponse((response) => response.url().includes('/widget/chunks/'));
    await page.mouse.move(box.x - 60, box.y - 60);
    await chunk;
  }
  const openMs = (await page.evaluate(OPEN_AND_TIME)) as number;
  await page.locator('textarea[data-part="composer"]').waitFor();
  await page.waitForLoadState('networkidle');
  const whole = await encodedSizes(responses);
  await context.close();
  return { before, whole, openMs, longestStartTaskMs };
}

/** The widget as a shopper's browser gets it: the demo shop on a real server, Chromium, bytes from the responses. */
export async function measureWidgetLoad(chromiumPath: string): Promise<WidgetLoad> {
  const server = await startTestServer();
  await seedDemo(server.app.services, { shopUrl: server.url, password: 'bench-widget-pass' });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const shopUrl = `${server.url}/shop/`;
    const gzip = await visit(browser, shopUrl, 'gzip', false);
    const brotli = await visit(browser, shopUrl, 'br', false);
    const prefetched = await visit(browser, shopUrl, 'br', true);
    return {
      beforeInteraction: { gzip: gzip.before.bytes, brotli: brotli.before.bytes, files: brotli.before.files },
      whole: { gzip: gzip.whole.bytes, brotli: brotli.whole.bytes, files: brotli.whole.files },
      panelOpenColdMs: brotli.openMs,
      panelOpenPrefetchedMs: prefetched.openMs,
      longestStartTaskMs: [gzip, brotli, prefetched].map((load) => load.longestStartTaskMs),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
