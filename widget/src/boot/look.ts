import type { Branding } from '@mostrador/shared';
import type { VisitorStorage } from '../chat/visitorStorage.ts';
import type { Store } from '../util/store.ts';

/**
 * Shows `look`, the shop's look as this page knows it: the handshake's, a live change's
 * (`branding:changed`), or the one kept from an earlier page. Setting it
 * shows it at once and keeps it (with the visitor, `mostrador:<siteKey>`), and a kept
 * look is applied before the launcher is first drawn, so a later page never
 * shows the default blue. On a first page there is no look yet: the
 * container has no `data-side`, and launcher.css keeps the launcher hidden
 * until the handshake brings one, or for 1.2 s at most (then it shows in
 * the default colours: a slow or refused server still gets a launcher).
 */
export function keepLook(container: HTMLElement, storage: VisitorStorage, look: Store<Branding | undefined>): void {
  look.subscribe((value) => {
    const { color, textColor, offsetX, offsetY, side, launcher } = value!;
    // Colours and offsets as custom properties, in one CSSOM write (no style attribute in markup, so the CSP needs
    // no 'unsafe-inline'; the values are the schema's hex and integers); side and style as attributes launcher.css
    // selects on. The theme, title, greeting and team are the panel's (panel/mountPanel.tsx).
    container.style.cssText = `--accent:${color};--accent-text:${textColor};--x:${offsetX}px;--y:${offsetY}px`;
    Object.assign(container.dataset, { side, launcher });
    storage.update({ look: value });
  });
  // Ours, but a page may have edited it: without its words it is no look of ours, and the server's is awaited.
  const kept = storage.read().look;
  if (kept?.launcherText) look.set(kept);
}
