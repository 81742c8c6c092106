import { useEffect, useRef } from 'preact/hooks';
import type { ChatView } from '../chat/chatSession.ts';
import { Composer } from './Composer.tsx';
import { MessageList } from './MessageList.tsx';
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
  onEndChat(): void;
  onClose(): void;
  /** Called when the panel goes away while holding focus, so focus is not lost to the page. */
  onFocusLost(): void;
}

/** The chat window: header, log, typing and connection lines, composer. */
export function Panel(props: PanelProps) {
  const { id, view, draft } = props;
  const t = useTranslate();
  const panelRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const onFocusLost = useRef(props.onFocusLost);
  onFocusLost.current = props.onFocusLost;

  useEffect(() => {
    if (props.focusOnOpen) textareaRef.current?.focus();
    const panel = panelRef.current;
    // Runs before Preact removes the panel's DOM, so we can still see where focus is.
    return () => {
      const root = panel?.getRootNode() as ShadowRoot | Document | undefined;
      if (panel && root && panel.contains(root.activeElement)) onFocusLost.current();
    };
  }, []);

  const titleId = `${id}-title`;
  const canEnd = view.conversation?.status === 'open';
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
        <h2 id={titleId} class="title">
          {view.siteName || t('panelTitle')}
        </h2>
        {canEnd && (
          <button type="button" data-part="end-chat" onClick={props.onEndChat}>
            {t('endChat')}
          </button>
        )}
        <button type="button" class="icon-button" data-part="minimize" aria-label={t('minimize')} onClick={props.onClose}>
          <span aria-hidden="true">−</span>
        </button>
      </div>
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
      <Composer draft={draft} textareaRef={textareaRef} onDraftChange={props.onDraftChange} onSend={props.onSend} />
    </div>
  );
}
