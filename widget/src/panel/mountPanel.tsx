import { render } from 'preact';
import { ChatSession } from '../chat/chatSession.ts';
import type { VisitorStorage } from '../chat/visitorStorage.ts';
import { createTranslator, type Messages } from '../i18n/catalogue.ts';
import type { VisitorTransport } from '../transport/visitorTransport.ts';
import { App } from '../ui/App.tsx';
import type { PanelState } from '../ui/panelState.ts';
import { applyStyles } from '../ui/shadowHost.ts';
import { setTranslator } from '../ui/translation.ts';
import css from '../ui/styles.css?inline';

export interface PanelMount {
  root: ShadowRoot;
  /** Where the panel and teaser render: beside the launcher, inside the widget's container. */
  slot: HTMLElement;
  launcher: HTMLElement;
  messages: Messages;
  transport: VisitorTransport;
  storage: VisitorStorage;
  panel: PanelState;
  onUnavailable(): void;
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
  render(<App chat={chat} panel={panel} launcher={mount.launcher} />, mount.slot);
  chat.start();
  return chat;
}

export type PanelModule = { mountPanel: typeof mountPanel };
