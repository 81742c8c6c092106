/**
 * Where the panel is a full-screen sheet (ui/styles.css, boot/launcher.css,
 * files/files.css): below 640 px wide, or below 480 px high, which is a
 * phone turned sideways (a floating panel would not fit its height).
 */
export const SHEET_QUERY = '(max-width: 639px), (max-height: 479px)';

/**
 * Stops the shop's page scrolling behind the sheet, and puts it back where
 * it was when the sheet closes, without a jump. `overflow: hidden` alone does
 * not stop touch scrolling in iOS Safari; pinning the body with
 * `position: fixed` at its scrolled offset does. Inline styles are set
 * through the CSSOM, which a shop's CSP allows (unlike style attributes in
 * markup), and the shop's own inline values are restored after.
 * Answers the unlock.
 */
export function lockPageScroll(doc: Document): () => void {
  const view = doc.defaultView;
  const body = doc.body;
  if (!view || !body) return () => {};
  const scrollY = view.scrollY;
  const html = doc.documentElement.style;
  const saved = { overflow: html.overflow, position: body.style.position, top: body.style.top, width: body.style.width };
  html.overflow = 'hidden';
  body.style.position = 'fixed';
  body.style.top = `-${scrollY}px`;
  body.style.width = '100%';
  return () => {
    html.overflow = saved.overflow;
    body.style.position = saved.position;
    body.style.top = saved.top;
    body.style.width = saved.width;
    view.scrollTo(view.scrollX, scrollY);
  };
}

/**
 * Locks the page while the panel is a sheet, and follows the viewport while
 * the panel is open: a tablet turned from portrait to landscape gets its page
 * back, a phone turned either way keeps it locked. Answers the stop, which
 * unlocks.
 */
export function lockPageScrollWhileSheet(doc: Document): () => void {
  const sheet = doc.defaultView?.matchMedia?.(SHEET_QUERY);
  if (!sheet) return () => {};
  let unlock: (() => void) | null = null;
  const follow = () => {
    if (sheet.matches && !unlock) unlock = lockPageScroll(doc);
    else if (!sheet.matches && unlock) {
      unlock();
      unlock = null;
    }
  };
  follow();
  sheet.addEventListener('change', follow);
  return () => {
    sheet.removeEventListener('change', follow);
    unlock?.();
    unlock = null;
  };
}
