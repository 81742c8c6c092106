import type { Branding } from '@mostrador/shared';
import type { Language, Translate } from '../i18n/catalogue.ts';
import type { PanelState } from '../ui/panelState.ts';
import type { Store } from '../util/store.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** A speech bubble; the cross is two rounded strokes (styled in launcher.css), a third of a filled outline's bytes. */
const BUBBLE = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z';
const CROSS = 'M6 6l12 12M18 6 6 18';

export interface LauncherOptions {
  doc: Document;
  panel: PanelState;
  panelId: string;
  t: Translate;
  /** The shop's look (boot/look.ts): its words for "Open chat" in `language` replace ours unless empty. */
  look: Store<Branding | undefined>;
  language: Language;
}

/**
 * The round button that opens and closes the panel, with the unread badge.
 * Plain DOM, not Preact: it is on every page view before the visitor does
 * anything, and Preact comes only with the panel (see panel/mountPanel.tsx).
 */
export function createLauncher({ doc, panel, panelId, t, look, language }: LauncherOptions): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.dataset.part = 'launcher';
  button.setAttribute('aria-controls', panelId);
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(SVG_NS, 'path');
  svg.append(path);
  button.append(svg);
  const badge = doc.createElement('span');
  badge.className = 'unread';
  badge.dataset.part = 'unread';
  badge.setAttribute('aria-hidden', 'true');

  const draw = () => {
    const { open, unread } = panel.store.get();
    const label = (!open && look.get()?.launcherText[language]) || t(open ? 'launcherClose' : 'launcherOpen');
    button.setAttribute('aria-label', unread > 0 ? `${label} (${t('unreadCount', { count: unread })})` : label);
    button.setAttribute('aria-expanded', String(open));
    path.setAttribute('d', open ? CROSS : BUBBLE);
    badge.textContent = unread > 99 ? '99+' : String(unread);
    if (unread > 0) button.append(badge);
    else badge.remove();
  };
  button.addEventListener('click', () => {
    // The visitor's own open moves focus into the panel; a shop's `open` command does not.
    panel.focusOnOpen = !panel.store.get().open;
    panel.toggle();
  });
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && panel.store.get().open) panel.close();
  });
  panel.store.subscribe(draw);
  look.subscribe(draw);
  draw();
  return button;
}
