/** Upward scrolling at least this far… */
export const EXIT_SCROLL_PX = 120;
/** …within this long reads as heading for the browser's address bar. */
export const EXIT_SCROLL_MS = 250;

export interface VisitorSignalHandlers {
  /** The visitor seems to be leaving. */
  exitIntent(): void;
  /** The visitor moved the pointer, pressed a key, scrolled or touched the page. */
  input(): void;
}

/**
 * What the visitor's hands tell, for the idle and exit-intent conditions.
 * Listeners are passive and only note times: they never slow the shop's
 * scrolling, and never prevent or trap anything.
 *
 * Exit intent is a guess, and only two moves are visible to a page:
 * - desktop: the pointer leaves the document through its top edge, towards
 *   the tabs, address bar or close button (`mouseout` with no `relatedTarget`
 *   and `clientY` ≤ 0);
 * - mobile: a fast upward scroll (≥ 120 px within 250 ms) after the visitor
 *   had scrolled down at least a screen, which brings back the browser's
 *   address bar and often precedes leaving.
 * Not visible: the back button or gesture (a page could only catch it by
 * pushing fake history entries, which we refuse to do), switching tabs or
 * apps, and closing the tab (`visibilitychange` and `pagehide` come too late
 * to invite anyone).
 */
export function watchVisitorSignals(win: Window, on: VisitorSignalHandlers): void {
  // Where a fast upward scroll began, and when; the deepest point reached.
  let fromY = 0;
  let fromAt = 0;
  let deepest = 0;
  const options = { capture: true, passive: true };
  for (const type of ['pointermove', 'pointerdown', 'keydown', 'touchstart']) win.addEventListener(type, on.input, options);
  win.addEventListener(
    'scroll',
    () => {
      on.input();
      const now = Date.now();
      const y = win.scrollY;
      deepest = Math.max(deepest, y);
      // Scrolling down, or a pause: a fast upward move would start from here.
      if (y >= fromY || now - fromAt > EXIT_SCROLL_MS) [fromY, fromAt] = [y, now];
      else if (fromY - y >= EXIT_SCROLL_PX && deepest >= win.innerHeight) {
        [fromY, fromAt] = [y, now];
        on.exitIntent();
      }
    },
    options,
  );
  win.document.addEventListener('mouseout', (event) => {
    if (!event.relatedTarget && event.clientY <= 0) on.exitIntent();
  });
}
