import { Component } from 'preact';
import type { ChatSession } from '../chat/chatSession.ts';
import { carryFiles, type FilesLoader } from '../files/filesLoader.ts';
import type { ShopCart } from './shopCart.ts';
import { Panel } from './Panel.tsx';
import { PANEL_ID } from './panelId.ts';
import type { PanelState } from './panelState.ts';
import type { SoundSwitch } from './SoundToggle.tsx';
import { Teaser } from './Teaser.tsx';

/** What the UI needs of the chat; the real ChatSession, or anything shaped like it. */
export type ChatControls = Pick<
  ChatSession,
  | 'view'
  | 'send'
  | 'retry'
  | 'draftChanged'
  | 'closeConversation'
  | 'pickDepartment'
  | 'saveContact'
  | 'emailTranscript'
  | 'invite'
  | 'invitationSeen'
  | 'markSeen'
> &
  Partial<Pick<ChatSession, 'endOfChat'>>;

interface AppProps {
  chat: ChatControls;
  panel: PanelState;
  /** The launcher (boot/launcher.ts, outside this tree): focus goes back to it when the panel closes. */
  launcher: HTMLElement;
  /** The shopper's mute for the shop's new-message sound. */
  sound?: SoundSwitch;
  /** The files chunk, fetched when a message with files is shown or the shopper picks one. */
  files?: FilesLoader;
  /** How the shop takes a product card's product into its cart (ui/shopCart.ts). */
  cart?: () => ShopCart | null;
}

/**
 * What comes with the panel chunk: the panel and the teaser. The UI is
 * written as classes, without Preact's hooks, whose module would cost the
 * bundle more than the lifecycle methods here do; it renders from the two
 * stores and redraws when either changes.
 */
export class App extends Component<AppProps> {
  #unsubscribe: (() => void)[];

  constructor(props: AppProps) {
    super(props);
    // Before the first render, so no change between it and mounting is missed.
    const redraw = () => this.forceUpdate();
    this.#unsubscribe = [props.chat.view.subscribe(redraw), props.panel.store.subscribe(redraw)];
    this.#unsubscribe.push(
      props.files?.files.subscribe((files) => {
        redraw();
        if (files) this.#unsubscribe.push(files.uploads.store.subscribe(redraw), files.links.subscribe(redraw));
      }) ?? (() => {}),
    );
  }

  override componentDidMount(): void {
    document.addEventListener('visibilitychange', this.#markSeen);
    this.componentDidUpdate();
  }

  /** Read receipt: what the open panel shows on a page in front of the visitor has been seen. */
  #markSeen = () => {
    if (this.props.panel.store.get().open && document.visibilityState === 'visible') this.props.chat.markSeen();
  };

  override componentDidUpdate(): void {
    // The Panel has read the flag by now (children mount first); a later
    // programmatic open must not steal focus from the page.
    this.props.panel.focusOnOpen = false;
    // An invitation in the open panel has been seen, whether it came as a teaser or arrived while open.
    if (this.props.panel.store.get().open) this.props.chat.invitationSeen();
    this.#markSeen();
  }

  override componentWillUnmount(): void {
    document.removeEventListener('visibilitychange', this.#markSeen);
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }

  #focusLauncher = () => this.props.launcher.focus();

  #closeAndReturnFocus = () => {
    this.props.panel.close();
    this.#focusLauncher();
  };

  override render() {
    const { chat, panel } = this.props;
    const view = chat.view.get();
    // The draft is in the panel's store, so closing, another page or another tab keeps it.
    const { open, draft } = panel.store.get();
    const { invitation } = view;
    // A message with files in the log: the chunk that shows them is needed.
    const { files } = this.props;
    if (
      files &&
      !files.files.get() &&
      (carryFiles(view.pending) || carryFiles(view.events) || view.earlier?.some((e) => carryFiles(e.events)))
    )
      files.need();
    return (
      // The theme here, not on the launcher's container: it only matters once the panel or teaser shows.
      <div class="chat" data-theme={view.branding?.look.theme}>
        {open && (
          <Panel
            id={PANEL_ID}
            view={view}
            draft={draft}
            focusOnOpen={panel.focusOnOpen}
            onDraftChange={(next) => {
              panel.setDraft(next);
              chat.draftChanged(next);
            }}
            onSend={(text) => {
              const uploads = this.props.files?.files.get()?.uploads;
              if (chat.send(text, uploads?.ready()) !== 'queued') return;
              panel.setDraft('');
              uploads?.sent();
            }}
            onRetry={(clientId) => chat.retry(clientId)}
            onPickDepartment={(slug) => chat.pickDepartment(slug)}
            onSaveContact={(contact) => void chat.saveContact(contact)}
            onEndChat={() => void chat.closeConversation()}
            endOfChat={chat.endOfChat}
            onEmailTranscript={(email) => chat.emailTranscript(email)}
            onClose={this.#closeAndReturnFocus}
            onFocusLost={this.#focusLauncher}
            sound={this.props.sound}
            files={this.props.files}
            cart={this.props.cart}
          />
        )}
        <Teaser
          invitation={!open && invitation?.teaser ? invitation : null}
          onOpen={() => {
            panel.focusOnOpen = true;
            panel.open();
          }}
          onDismiss={() => {
            chat.invite(null);
            this.#focusLauncher();
          }}
        />
      </div>
    );
  }
}
