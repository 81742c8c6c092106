import { useEffect, useRef } from 'preact/hooks';
import type { ChatView } from '../chat/chatSession.ts';
import { Composer } from './Composer.tsx';
import { DepartmentPicker } from './DepartmentPicker.tsx';
import { MessageList } from './MessageList.tsx';
import { QueueBanner } from './QueueBanner.tsx';
import { useTranslate } from './translation.ts';

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
  onEndChat(): void;
  onClose(): void;
  /** Called when the panel goes away while holding focus, so focus is not lost to the page. */
  onFocusLost(): void;
}

/**
 * Whether to ask for a department first: the site offers a choice, no
 * conversation is open (it would not change its department), and neither the
 * shop nor the visitor has chosen yet.
 */
export function needsDepartment(view: ChatView): boolean {
  return view.departments.length > 0 && view.conversation?.status !== 'open' && !view.department;
}

/** The chat window: header with who is in the chat, queue banner, log, typing and connection lines, composer. */
export function Panel(props: PanelProps) {
  const { id, view, draft } = props;
  const t = useTranslate();
  const panelRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const pickerRef = useRef<HTMLButtonElement>(null);
  // Set by a pick: the button that held focus is gone, so focus follows to the composer.
  const focusComposer = useRef(false);
  const onFocusLost = useRef(props.onFocusLost);
  onFocusLost.current = props.onFocusLost;

  useEffect(() => {
    if (props.focusOnOpen) (textareaRef.current ?? pickerRef.current)?.focus();
    const panel = panelRef.current;
    // Runs before Preact removes the panel's DOM, so we can still see where focus is.
    return () => {
      const root = panel?.getRootNode() as ShadowRoot | Document | undefined;
      if (panel && root && panel.contains(root.activeElement)) onFocusLost.current();
    };
  }, []);

  const picking = needsDepartment(view);
  useEffect(() => {
    if (picking || !focusComposer.current) return;
    focusComposer.current = false;
    textareaRef.current?.focus();
  }, [picking]);

  const titleId = `${id}-title`;
  const canEnd = view.conversation?.status === 'open';
  const agents = view.conversation?.agents ?? [];
  const queue = view.conversation?.queue;
  return (
    <div
      ref={panelRef}
      id={id}
      class="panel"
      data-part="panel"
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        props.onClose();
      }}
    >
      <div class="header">
        <div class="titles">
          <h2 id={titleId} class="title">
            {view.siteName || t('panelTitle')}
          </h2>
          {agents.length > 0 && (
            <p class="agents" data-part="agents">
              {agents.map((agent) => agent.name).join(', ')}
            </p>
          )}
        </div>
        {canEnd && (
          <button type="button" data-part="end-chat" onClick={props.onEndChat}>
            {t('endChat')}
          </button>
        )}
        <button type="button" class="icon-button" data-part="minimize" aria-label={t('minimize')} onClick={props.onClose}>
          <span aria-hidden="true">−</span>
        </button>
      </div>
      {queue && <QueueBanner queue={queue} />}
      <MessageList events={view.events} pending={view.pending} onRetry={props.onRetry} />
      {view.agentTyping && (
        <div class="typing" data-part="typing">
          {t('typing', { name: view.agentTyping })}
        </div>
      )}
      {view.connection === 'reconnecting' && (
        <div class="connection" data-part="connection" role="status">
          {t('reconnecting')}
        </div>
      )}
      {picking ? (
        <DepartmentPicker
          departments={view.departments}
          firstRef={pickerRef}
          onPick={(slug) => {
            focusComposer.current = true;
            props.onPickDepartment(slug);
          }}
        />
      ) : (
        <Composer draft={draft} textareaRef={textareaRef} onDraftChange={props.onDraftChange} onSend={props.onSend} />
      )}
    </div>
  );
}
