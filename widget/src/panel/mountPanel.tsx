import { render } from 'preact';
import { ChatSession } from '../chat/chatSession.ts';
import { browserStorage, siteKeyOf, type KeyValueStore, type VisitorStorage } from '../chat/visitorStorage.ts';
import { createFilesLoader, serverFiles, type FilesModule } from '../files/filesLoader.ts';
import { readKeptFiles } from '../files/keptFiles.ts';
import { createTranslator, type Messages } from '../i18n/catalogue.ts';
import type { VisitorTransport } from '../transport/visitorTransport.ts';
import { chime } from '../sound/chime.ts';
import { isMuted, setMuted, shopStorage } from '../sound/soundSetting.ts';
import { App } from '../ui/App.tsx';
import { shopCartOf } from '../ui/shopCart.ts';
import type { SoundSwitch } from '../ui/SoundToggle.tsx';
import type { PanelState } from '../ui/panelState.ts';
import { applyStyles } from '../ui/shadowHost.ts';
import { setTranslator } from '../ui/translation.ts';
import css from '../ui/styles.css?inline';

/** The files chunk's content-hashed name, baked in by the build (see vite.config.ts). */
declare const __MOSTRADOR_FILES__: string;

export interface PanelMount {
  root: ShadowRoot;
  /** Where the panel and teaser render: beside the launcher, inside the widget's container. */
  slot: HTMLElement;
  launcher: HTMLElement;
  messages: Messages;
  transport: VisitorTransport;
  storage: VisitorStorage;
  panel: PanelState;
  /** `mostrador:<siteKey>`, where the shopper's mute of the sound is kept (sound/soundSetting.ts). */
  key: string;
  onUnavailable(): void;
  /** The merchant's hooks by event (`Mostrador('on', 'addToCart', handler)`), as given: checked when used. */
  hooks?: ReadonlyMap<unknown, unknown>;
}

/** The shopper's mute, in localStorage: this tab's button follows another tab's change (the storage event). */
function soundSwitch(local: KeyValueStore | null, key: string, win: Window | null): SoundSwitch {
  return {
    muted: () => isMuted(local, key),
    setMuted: (muted) => setMuted(local, key, muted),
    onChange(listener) {
      win?.addEventListener('storage', listener);
      return () => win?.removeEventListener('storage', listener);
    },
  };
}

/**
 * The panel chunk's entry, fetched from the chat server on the first open
 * or invitation (or sooner, when the pointer nears the launcher): the chat
 * logic, Preact and the UI. Its CSS is adopted before the first render, so
 * the panel never shows unstyled.
 */
export function mountPanel(mount: PanelMount): ChatSession {
  const { panel } = mount;
  applyStyles(mount.root, css);
  setTranslator(createTranslator(mount.messages));
  const chat = new ChatSession({
    transport: mount.transport,
    storage: mount.storage,
    // No onAgentMessage: the badge counts live facts in widget.js (boot/startWidget.tsx), once across tabs.
    onInvitation: panel.open,
    onUnavailable: mount.onUnavailable,
  });
  const win = mount.root.ownerDocument.defaultView;
  const sound = soundSwitch(shopStorage(win), mount.key, win);
  const tabStorage = browserStorage('sessionStorage');
  const kept = tabStorage && { store: tabStorage, key: `${mount.key}:files` };
  // The files chunk sits beside this one, and the file routes are on the chat server: the origin this chunk came from.
  const files = createFilesLoader(
    () => import(/* @vite-ignore */ new URL(__MOSTRADOR_FILES__, import.meta.url).href) as Promise<FilesModule>,
    {
      api: serverFiles(new URL(import.meta.url).origin, siteKeyOf(mount.key), mount.storage),
      rules: () => chat.view.get().attachments,
      root: mount.root,
      kept,
      // Only where the tab keeps its list: bytes without a list to find them by would never be sent.
      ...(kept && { bytes: (chunk: FilesModule) => chunk.openKeptBytes(`mostrador:${mount.key}:files`) }),
    },
  );
  // Files picked on an earlier page of this tab and not sent yet: the chunk that shows them is needed now.
  if (readKeptFiles(kept).length > 0) files.need();
  // Asked each time a card shows: the merchant may register the hook after the panel has loaded.
  const cart = () => shopCartOf(win, mount.hooks?.get('addToCart'));
  render(<App chat={chat} panel={panel} launcher={mount.launcher} sound={sound} files={files} cart={cart} />, mount.slot);
  chat.start();
  return chat;
}

/** The new-message sound comes with the panel chunk too: widget.js asks for it only when the merchant has it on. */
export { chime };
export type PanelModule = { mountPanel: typeof mountPanel; chime: typeof chime };
