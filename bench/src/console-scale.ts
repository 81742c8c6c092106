import { chromium, type Browser } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import {
  armInboxProbe,
  clickRow,
  inboxRenderedAt,
  openAndWaitForLast,
  startFrameSampler,
  stopFrameSampler,
} from './console-scale/probes.ts';
import { messageBody, seed, sendMessage } from './console-scale/visitors.ts';

export interface ConsoleScaleResult {
  conversations: number;
  longConversationMessages: number;
  /**
   * Signed in already, from the start of navigation to /console/
   * (performance.timeOrigin) to the animation frame in which the All view
   * first shows its rows. A script in the page clicks the All tab the moment
   * it exists, so this covers loading the app, connecting its socket,
   * listing every view and rendering the list.
   */
  inboxFirstRenderMs: number;
  /** Click on the long conversation's row until its last message is inside the log's visible box. */
  openLongConversationMs: number;
  frame: { p50: number; p99: number; max: number; frames: number; seconds: number };
}

export interface ConsoleScaleOptions {
  url: string;
  siteKey: string;
  adminEmail: string;
  password: string;
  visitorOrigin: string;
  quick: boolean;
}

const TALKERS = 10;
const MESSAGES_PER_SECOND = 5;
/** Panes the console shows side by side at 1440 px while the talkers talk. */
const OPEN_PANES = 3;
const PAGE_TIMEOUT_MS = 60_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Each talker sends MESSAGES_PER_SECOND for `seconds`, evenly spaced and staggered against the others. */
async function talk(talkers: readonly Socket[], seconds: number): Promise<void> {
  const interval = 1000 / MESSAGES_PER_SECOND;
  const count = Math.round(seconds * MESSAGES_PER_SECOND);
  await Promise.all(
    talkers.map(async (socket, index) => {
      await new Promise((resolve) => setTimeout(resolve, (interval * index) / talkers.length));
      const started = Date.now();
      const sends: Promise<unknown>[] = [];
      for (let n = 0; n < count; n += 1) {
        const due = started + n * interval;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
        sends.push(sendMessage(socket, messageBody(n)));
      }
      await Promise.all(sends);
    }),
  );
}

export async function measureConsole(options: ConsoleScaleOptions): Promise<ConsoleScaleResult> {
  const conversations = options.quick ? 50 : 1000;
  const longConversationMessages = options.quick ? 300 : 5000;
  const seconds = options.quick ? 3 : 10;
  const seeded = await seed(
    { url: options.url, siteKey: options.siteKey, origin: options.visitorOrigin },
    conversations,
    longConversationMessages,
    TALKERS,
  );
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: PAGE_TIMEOUT_MS });
    // The probes are strings evaluated in the page; the console's strict CSP (no eval) would refuse them.
    // Bypassing it for this page changes nothing the console itself runs.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);

    await page.goto(`${options.url}/console/`);
    await page.fill('input[name=email]', options.adminEmail);
    await page.fill('input[name=password]', options.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-part="conversation-row"]');

    // Signed in, the measured load starts from a fresh navigation.
    await armInboxProbe(page);
    await page.goto(`${options.url}/console/`);
    const inboxFirstRenderMs = await inboxRenderedAt(page, PAGE_TIMEOUT_MS);

    const openLongConversationMs = await openAndWaitForLast(page, seeded.long.conversationId, seeded.long.lastSeq, PAGE_TIMEOUT_MS);

    // Some of the talking chats open beside the long one, as an agent would keep them.
    for (const id of seeded.conversationIds.slice(0, OPEN_PANES - 1)) {
      await clickRow(page, id);
      await page.waitForSelector(`[data-part="conversation"][data-conversation-id="${id}"] [data-part="message"]`);
    }

    await startFrameSampler(page);
    await talk(seeded.talkers, seconds);
    const intervals = await stopFrameSampler(page);
    const sorted = [...intervals].sort((a, b) => a - b);
    return {
      conversations,
      longConversationMessages,
      inboxFirstRenderMs: round(inboxFirstRenderMs),
      openLongConversationMs: round(openLongConversationMs),
      frame: {
        p50: round(percentile(sorted, 0.5)),
        p99: round(percentile(sorted, 0.99)),
        max: round(sorted.at(-1) ?? 0),
        frames: intervals.length,
        seconds,
      },
    };
  } finally {
    for (const socket of seeded.talkers) socket.disconnect();
    await browser?.close();
  }
}
