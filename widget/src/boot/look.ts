import type { Branding } from '@mostrador/shared';
import type { VisitorStorage } from '../chat/visitorStorage.ts';
import { createStore, type Store } from '../util/store.ts';
import { applyLook } from './launcher.ts';

/**
 * The shop's look as this page knows it: the handshake's, a live change's
 * (`branding:changed`), or the one kept from an earlier page. Setting it
 * shows it at once and keeps it (with the visitor, `mostrador:<siteKey>`), and a kept
 * look is applied before the launcher is first drawn, so a later page never
 * shows the default blue. On a first page there is no look yet: the
 * container has no `data-side`, and launcher.css keeps the launcher hidden
 * until the handshake brings one, or for 1.2 s at most (then it shows in
 * the default colours: a slow or refused server still gets a launcher).
 */
export function keepLook(container: HTMLElement, storage: VisitorStorage): Store<Branding | undefined> {
  const look = createStore<Branding | undefined>(undefined);
  look.subscribe((value) => {
    applyLook(container, value!);
    storage.update({ look: value });
  });
  // Ours, but a page may have edited it: without its words it is no look of ours, and the server's is awaited.
  const kept = storage.read().look;
  if (kept?.launcherText) look.set(kept);
  return look;
}
