import type { TriggerFired, TriggerSignal, TriggerWatch } from '@mostrador/shared';
import type { VisitorTransport } from '../transport/visitorTransport.ts';
import { watchVisitorSignals } from './visitorSignals.ts';

export interface ServerTriggersOptions {
  win: Window;
  transport: VisitorTransport;
  /** Typing, or a conversation open or about to open: an invitation that arrives then is not shown. */
  busy(): boolean;
  /** Shows the invitation; its `firingId` goes with the visitor's reply. */
  fire(fired: TriggerFired): void;
}

export interface ServerTriggers {
  /** `Mostrador('track', name)`: the event counts for this page's rules. */
  track(name: string): void;
  /** An invitation was shown on the page the tab is on (a reconnect tells the server, so it sends no second one). */
  invitedHere(): boolean;
}

/**
 * The widget's part of the proactive triggers, which the server evaluates
 * (the rules never reach the shop's page): it tells the server what only the
 * page can see, and only what the site's rules read (`watch` in the
 * greeting): exit intent, idleness past the shortest idle threshold and the
 * return of input, and the shop's tracked events the rules name, once per
 * page; and it shows the invitations the server sends, saying whether it did
 * (a visitor busy typing or sending is not interrupted). A reconnect is a
 * new tab to the server, so it hears again what this page knows.
 */
export function followServerTriggers({ win, transport, busy, fire }: ServerTriggersOptions): ServerTriggers {
  let watch: TriggerWatch | undefined;
  let established = false;
  let lastInput = Date.now();
  let idle = false;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  // Events with the page they were tracked on: the server counts them for that page.
  let tracked: [name: string, url: string][] = [];
  let invitedOn: string | null = null;
  const here = () => win.location.href.slice(0, 2000);
  const send = (signal: TriggerSignal) => established && transport.notify('trigger:signal', signal);
  // Only the events the site's rules read, each once per page.
  const sendEvent = ([name, url]: [string, string]) => watch?.events?.includes(name) && send({ type: 'event', name, url });
  // Within what the server takes: a day (a clock set back says none).
  const sendIdle = () => send({ type: 'idle', ms: Math.min(86_400_000, Math.max(0, Date.now() - lastInput)) });

  // One timer, moved only when it fires: every mouse move just notes the time.
  const checkIdle = () => {
    clearTimeout(idleTimer);
    const after = watch?.idleAfter;
    if (after == null || idle) return;
    const wait = lastInput + after * 1000 - Date.now();
    if (wait > 0) idleTimer = setTimeout(checkIdle, wait);
    else {
      idle = true;
      sendIdle();
    }
  };
  watchVisitorSignals(win, {
    exitIntent: () => watch?.exitIntent && send({ type: 'exit_intent' }),
    input: () => {
      lastInput = Date.now();
      if (!idle) return;
      idle = false;
      send({ type: 'active' });
      checkIdle();
    },
  });

  transport.on('session:established', ({ site }) => {
    established = true;
    watch = site.watch;
    const url = here();
    tracked = tracked.filter(([, at]) => at === url);
    tracked.forEach(sendEvent);
    if (idle) sendIdle();
    checkIdle();
  });
  transport.on('triggers:changed', (changed) => {
    watch = changed.watch;
    checkIdle();
  });
  transport.onDisconnect(() => (established = false));
  // Said either way: the server stores only what was shown, and offers again later what was not.
  transport.on('trigger:fired', (fired) => {
    const { firingId } = fired;
    if (busy()) return transport.notify('trigger:declined', { firingId });
    invitedOn = here();
    fire(fired);
    transport.notify('trigger:shown', { firingId });
  });

  return {
    track(name) {
      const event: [string, string] = [name, here()];
      if (tracked.some(([n, at]) => n === name && at === event[1])) return;
      tracked = [...tracked.slice(-49), event];
      sendEvent(event);
    },
    invitedHere: () => invitedOn === here(),
  };
}
