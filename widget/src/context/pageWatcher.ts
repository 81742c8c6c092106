/**
 * Calls `onPage` with the page's URL now and after every change of it.
 * Single-page shops change it with `history.pushState`, which fires no event
 * and is not ours to patch, so besides `popstate` and `hashchange` the
 * address is polled. Returns an unsubscribe.
 */
export function watchPages(win: Window, onPage: (url: string) => void, intervalMs = 1000): () => void {
  let last: string | undefined;
  const check = () => {
    const url = win.location.href;
    if (url !== last) onPage((last = url));
  };
  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
  const timer = setInterval(check, intervalMs);
  check();
  return () => {
    clearInterval(timer);
    win.removeEventListener('popstate', check);
    win.removeEventListener('hashchange', check);
  };
}
