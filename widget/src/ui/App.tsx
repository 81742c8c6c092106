import { Component, createRef } from 'preact';
import type { ChatSession } from '../chat/chatSession.ts';
import { Launcher } from './Launcher.tsx';
import { Panel } from './Panel.tsx';
import type { PanelState } from './panelState.ts';
import { Teaser } from './Teaser.tsx';

/** What the UI needs of the chat; the real ChatSession, or anything shaped like it. */
export type ChatControls = Pick<
  ChatSession,
  'view' | 'send' | 'retry' | 'draftChanged' | 'closeConversation' | 'pickDepartment' | 'saveContact' | 'invite' | 'invitationSeen'
>;

interface AppProps {
  chat: ChatControls;
  panel: PanelState;
}

const PANEL_ID = 'mostrador-panel';

/**
 * The whole widget: panel, teaser and launcher. The UI is written as
 * classes, without Preact's hooks, whose module would cost the bundle more
 * than the lifecycle methods here do; it renders from the two stores and
 * redraws when either changes.
 */
export class App extends Component<AppProps> {
  /** The draft lives here so closing and reopening the panel keeps it. */
  #draft = '';
  #launcher = createRef<HTMLButtonElement>();
  #openedByLauncher = false;
  #unsubscribe: (() => void)[];

  constructor(props: AppProps) {
    super(props);
    // Before the first render, so no change between it and mounting is missed.
    const redraw = () => this.forceUpdate();
    this.#unsubscribe = [props.chat.view.subscribe(redraw), props.panel.store.subscribe(redraw)];
  }

  override componentDidMount(): void {
    this.componentDidUpdate();
  }

  override componentDidUpdate(): void {
    // The Panel has read the flag by now (children mount first); a later
    // programmatic open must not steal focus from the page.
    this.#openedByLauncher = false;
    // An invitation in the open panel has been seen, whether it came as a teaser or arrived while open.
    if (this.props.panel.store.get().open) this.props.chat.invitationSeen();
  }

  override componentWillUnmount(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }

  #focusLauncher = () => this.#launcher.current?.focus();

  #closeAndReturnFocus = () => {
    this.props.panel.close();
    this.#focusLauncher();
  };

  #setDraft(draft: string) {
    this.#draft = draft;
    this.forceUpdate();
  }

  override render() {
    const { chat, panel } = this.props;
    const view = chat.view.get();
    const { open, unread } = panel.store.get();
    const { invitation } = view;
    return (
      <div class="widget">
        {open && (
          <Panel
            id={PANEL_ID}
            view={view}
            draft={this.#draft}
            focusOnOpen={this.#openedByLauncher}
            onDraftChange={(next) => {
              this.#setDraft(next);
              chat.draftChanged(next);
            }}
            onSend={(text) => {
              if (chat.send(text) === 'queued') this.#setDraft('');
            }}
            onRetry={(clientId) => chat.retry(clientId)}
            onPickDepartment={(slug) => chat.pickDepartment(slug)}
            onSaveContact={(contact) => void chat.saveContact(contact)}
            onEndChat={() => void chat.closeConversation()}
            onClose={this.#closeAndReturnFocus}
            onFocusLost={this.#focusLauncher}
          />
        )}
        <Teaser
          invitation={!open && invitation?.teaser ? invitation : null}
          onOpen={() => {
            this.#openedByLauncher = true;
            panel.open();
          }}
          onDismiss={() => {
            chat.invite(null);
            this.#focusLauncher();
          }}
        />
        <Launcher
          open={open}
          unread={unread}
          panelId={PANEL_ID}
          buttonRef={this.#launcher}
          onToggle={() => {
            this.#openedByLauncher = !open;
            panel.toggle();
          }}
          onEscape={this.#closeAndReturnFocus}
        />
      </div>
    );
  }
}
