import { preChatMissing } from '@mostrador/shared/prechat';
import { Component, createRef } from 'preact';
import type { ChatView } from '../chat/chatSession.ts';
import type { Language } from '../i18n/catalogue.ts';
import type { EndOfChat } from '../chat/endOfChat.ts';
import type { FilesLoader } from '../files/filesLoader.ts';
import type { ShopCart } from './shopCart.ts';
import { availabilityOf } from './availability.ts';
import { ClosedBanner } from './ClosedBanner.tsx';
import { Composer } from './Composer.tsx';
import { ContactForm } from './ContactForm.tsx';
import { DepartmentPicker } from './DepartmentPicker.tsx';
import { EarlierThreads } from './EarlierThreads.tsx';
import { EndOfChatPrompts } from './EndOfChatPrompts.tsx';
import { LiveAnnouncer } from './LiveAnnouncer.tsx';
import { MessageList } from './MessageList.tsx';
import { QueueBanner } from './QueueBanner.tsx';
import { TeamLine } from './TeamLine.tsx';
import { SoundToggle, type SoundSwitch } from './SoundToggle.tsx';
import { TranscriptOffer } from './TranscriptOffer.tsx';
import { lockPageScrollWhileSheet, SHEET_QUERY } from './pageScrollLock.ts';
import { t } from './translation.ts';

interface PanelProps {
  id: string;
  view: ChatView;
  draft: string;
  /** Move focus into the composer on open: only when the visitor opened it, not a shop script. */
  focusOnOpen: boolean;
  onDraftChange(draft: string): void;
  onSend(draft: string): void;
  onRetry(clientId: string): void;
  onPickDepartment(slug: string): void;
  /** The offline form's answer. */
  onSaveContact?(contact: { email: string; name?: string }): void;
  onEndChat(): void;
  /** The rating and NPS questions, and the earlier conversations; absent in tests that do not need them. */
  endOfChat?: EndOfChat;
  /** "Email me this conversation", once it has ended: the address it went to, or null. */
  onEmailTranscript?(email?: string): Promise<string | null>;
  onClose(): void;
  /** The shopper's mute for the new-message sound; shown while the merchant has the sound on. */
  sound?: SoundSwitch;
  /** Called when the panel goes away while holding focus, so focus is not lost to the page. */
  onFocusLost(): void;
  /** The files chunk: messages' files, and the shopper's (the clip, drops and pastes) where the site takes them. */
  files?: FilesLoader | undefined;
  /** How the shop takes a product card's product into its cart (ui/shopCart.ts). */
  cart?: (() => ShopCart | null) | undefined;
}

/**
 * Whether to ask for a department first: the site offers a choice, no
 * conversation is open (it would not change its department), neither the
 * shop nor the visitor has chosen yet, and no invitation waits for a reply
 * (its rule says where the conversation goes).
 */
export function needsDepartment(view: ChatView): boolean {
  return view.departments.length > 0 && view.conversation?.status !== 'open' && !view.department && !view.invitation;
}

/**
 * Whether to ask for a contact first (the pre-chat form): the site asks, no
 * conversation is open, and what the shop knows (a saved contact, a verified
 * identify) does not answer it yet.
 */
export function needsPreChat(view: ChatView): boolean {
  return view.conversation?.status !== 'open' && preChatMissing(view.preChat, view.contact);
}

/**
 * On a phone the panel is a sheet over the whole page (the launcher hidden):
 * Tab and Shift+Tab go round inside it instead of into the page beneath.
 */
function trapFocusInSheet(event: KeyboardEvent, panel: HTMLElement): void {
  if (!panel.ownerDocument.defaultView?.matchMedia?.(SHEET_QUERY).matches) return;
  const focusable = [...panel.querySelectorAll<HTMLElement>('button:not([disabled]), input, textarea, [tabindex="0"]')];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = (panel.getRootNode() as ShadowRoot | Document).activeElement;
  if (!first || !last) return;
  if (event.shiftKey ? active === first : active === last) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}

/** The chat window: header with who is in the chat, queue banner, log, typing and connection lines, composer. */
export class Panel extends Component<PanelProps> {
  #panel = createRef<HTMLDivElement>();
  #textarea = createRef<HTMLTextAreaElement>();
  #picker = createRef<HTMLButtonElement>();
  #contactEmail = createRef<HTMLInputElement>();
  /** Set by a pick: the button that held focus is gone, so focus follows to the composer. */
  #focusComposer = false;
  /** Set by the pre-chat form's answer: focus moves on once the shop has the contact. */
  #focusAfterContact = false;
  /** `focusOnOpen` as it was at mount (the flag is cleared right after): a shop's open never moves focus. */
  #openedByVisitor = false;
  #unlockPage = () => {};

  override componentDidMount(): void {
    const panel = this.#panel.current;
    if (panel) this.#unlockPage = lockPageScrollWhileSheet(panel.ownerDocument);
    this.#openedByVisitor = this.props.focusOnOpen;
    if (this.props.focusOnOpen) (this.#textarea.current ?? this.#picker.current ?? this.#contactEmail.current)?.focus();
  }

  override componentDidUpdate(previous: PanelProps): void {
    // The session said "ask first" after the panel opened: the composer that held focus is gone, the form takes it.
    if (this.#openedByVisitor && needsPreChat(this.props.view) && !needsPreChat(previous.view)) this.#focusFormIfFocusWasHere();
    if (this.#focusAfterContact && !needsPreChat(this.props.view)) {
      // The pre-chat form is gone with the focus it held: on to the department picker, else the composer.
      this.#focusAfterContact = false;
      (this.#textarea.current ?? this.#picker.current)?.focus();
      return;
    }
    if (!this.#focusComposer || needsDepartment(this.props.view)) return;
    this.#focusComposer = false;
    this.#textarea.current?.focus();
  }

  #focusFormIfFocusWasHere(): void {
    const panel = this.#panel.current;
    if (!panel) return;
    const root = panel.getRootNode() as ShadowRoot | Document;
    // Focus still in the panel, or lost with the composer (the page's body): never taken from the page itself.
    const active = root.activeElement ?? panel.ownerDocument.activeElement;
    if (!active || active === panel.ownerDocument.body || panel.contains(active)) this.#contactEmail.current?.focus();
  }

  /** Runs before Preact removes the panel's DOM, so we can still see where focus is. */
  override componentWillUnmount(): void {
    this.#unlockPage();
    const panel = this.#panel.current;
    const root = panel?.getRootNode() as ShadowRoot | Document | undefined;
    if (panel && root && panel.contains(root.activeElement)) this.props.onFocusLost();
  }

  /** Files dragged over the panel while the composer shows and the site takes them: the panel takes the drop. */
  #takesDrop(event: DragEvent, composing: boolean): FilesLoader | null {
    const { files, view } = this.props;
    return composing && files && view.attachments && event.dataTransfer?.types.includes('Files') ? files : null;
  }

  override render() {
    const { props } = this;
    const { id, view, draft } = props;
    const asking = needsPreChat(view) && !!props.onSaveContact;
    const picking = needsDepartment(view);
    const titleId = `${id}-title`;
    const canEnd = view.conversation?.status === 'open';
    const agents = view.conversation?.agents ?? [];
    const queue = view.conversation?.queue;
    // Nobody can answer: say so, and when, instead of a queue place nobody serves.
    const availability = agents.length === 0 ? availabilityOf(view, Date.now()) : null;
    // The merchant's words in the widget's language; empty keeps the shop's name, then ours.
    const language = t('locale') as Language;
    const look = view.branding?.look;
    const composing = view.connection !== 'unavailable' && !asking && !picking;
    return (
      <div
        ref={this.#panel}
        id={id}
        class="panel"
        data-part="panel"
        role="dialog"
        aria-labelledby={titleId}
        onDragOver={(event) => this.#takesDrop(event, composing) && event.preventDefault()}
        onDrop={(event) => {
          const files = this.#takesDrop(event, composing);
          if (!files) return;
          event.preventDefault();
          const dropped = [...(event.dataTransfer?.files ?? [])];
          files.need(({ uploads }) => uploads.add(dropped));
        }}
        onKeyDown={(event) => {
          if (event.key === 'Tab') return trapFocusInSheet(event, event.currentTarget);
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          props.onClose();
        }}
      >
        <div class="header">
          <div class="titles">
            <h2 id={titleId} class="title">
              {look?.title[language] || view.siteName || t('panelTitle')}
            </h2>
            {agents.length > 0 ? (
              <p class="agents" data-part="agents">
                {agents.map((agent) => agent.name).join(', ')}
              </p>
            ) : (
              <TeamLine view={view} />
            )}
          </div>
          {canEnd && (
            <button type="button" data-part="end-chat" onClick={props.onEndChat}>
              {t('endChat')}
            </button>
          )}
          {look?.sound && props.sound && <SoundToggle sound={props.sound} />}
          <button type="button" class="icon-button" data-part="minimize" aria-label={t('minimize')} onClick={props.onClose}>
            <span aria-hidden="true">−</span>
          </button>
        </div>
        {availability?.closed ? <ClosedBanner opensAt={availability.opensAt} /> : queue && <QueueBanner queue={queue} />}
        {availability?.closed && props.onSaveContact && !asking && (
          <ContactForm contact={view.contact ?? null} onSave={props.onSaveContact} />
        )}
        <MessageList
          events={view.events}
          pending={view.pending}
          invitation={view.invitation}
          invitationFirst={canEnd}
          noGreeting={view.connection === 'unavailable'}
          greeting={look?.greeting[language]}
          pictureOf={(id) => view.conversation?.agents.find((agent) => agent.id === id)?.picture}
          header={
            props.endOfChat && (view.earlier?.length || view.earlierMore) ? (
              <EarlierThreads
                threads={view.earlier ?? []}
                more={view.earlierMore ?? false}
                onLoadMore={() => void props.endOfChat?.loadEarlier()}
                files={props.files?.files.get() ?? null}
              />
            ) : null
          }
          agentReadSeq={view.agentReadSeq ?? 0}
          files={props.files?.files.get() ?? null}
          cart={props.cart}
          onRetry={props.onRetry}
        />
        {props.endOfChat && <EndOfChatPrompts view={view} endOfChat={props.endOfChat} />}
        {view.conversation?.status === 'closed' && props.onEmailTranscript && (
          <TranscriptOffer contact={view.contact ?? null} onRequest={props.onEmailTranscript} />
        )}
        <LiveAnnouncer connection={view.connection} conversation={view.conversation} events={view.events} />
        {/* Always mounted, so the line appearing is read out once; it stays while the agent keeps typing. */}
        <div aria-live="polite">
          {view.agentTyping && (
            <div class="typing" data-part="typing">
              {t('typing', { name: view.agentTyping })}
            </div>
          )}
        </div>
        {view.throttled && (
          <div class="connection" role="status">
            {t('throttled')}
          </div>
        )}
        {(view.connection === 'reconnecting' || view.connection === 'unavailable') && (
          <div class="connection" data-part="connection" role="status">
            {t(view.connection)}
          </div>
        )}
        {view.connection === 'unavailable' ? null : asking ? (
          <ContactForm
            contact={view.contact ?? null}
            preChat={{ nameRequired: view.preChat === 'name_email', emailRef: this.#contactEmail }}
            onSave={(contact) => {
              this.#focusAfterContact = true;
              props.onSaveContact?.(contact);
            }}
          />
        ) : picking ? (
          <DepartmentPicker
            departments={view.departments}
            firstRef={this.#picker}
            onPick={(slug) => {
              this.#focusComposer = true;
              props.onPickDepartment(slug);
            }}
          />
        ) : (
          <Composer
            draft={draft}
            textareaRef={this.#textarea}
            onDraftChange={props.onDraftChange}
            onSend={props.onSend}
            files={props.files}
            rules={view.attachments}
          />
        )}
      </div>
    );
  }
}
