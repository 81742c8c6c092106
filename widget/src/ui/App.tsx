import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatSession } from '../chat/chatSession.ts';
import { Launcher } from './Launcher.tsx';
import { Panel } from './Panel.tsx';
import type { PanelState } from './panelState.ts';
import { useStore } from './useStore.ts';

/** What the UI needs of the chat; the real ChatSession, or anything shaped like it. */
export type ChatControls = Pick<ChatSession, 'view' | 'send' | 'retry' | 'draftChanged' | 'closeConversation' | 'pickDepartment'>;

interface AppProps {
  chat: ChatControls;
  panel: PanelState;
}

const PANEL_ID = 'mostrador-panel';

export function App({ chat, panel }: AppProps) {
  const view = useStore(chat.view);
  const { open, unread } = useStore(panel.store);
  // The draft lives here so closing and reopening the panel keeps it.
  const [draft, setDraft] = useState('');
  const launcherRef = useRef<HTMLButtonElement>(null);
  const openedByLauncher = useRef(false);
  // The Panel has read the flag by now (child effects run first); a later
  // programmatic open must not steal focus from the page.
  useEffect(() => {
    openedByLauncher.current = false;
  }, [open]);

  const changeDraft = (next: string) => {
    setDraft(next);
    chat.draftChanged(next);
  };
  const closeAndReturnFocus = () => {
    panel.close();
    launcherRef.current?.focus();
  };

  return (
    <div class="widget">
      {open && (
        <Panel
          id={PANEL_ID}
          view={view}
          draft={draft}
          focusOnOpen={openedByLauncher.current}
          onDraftChange={changeDraft}
          onSend={(text) => {
            if (chat.send(text) === 'queued') setDraft('');
          }}
          onRetry={(clientId) => chat.retry(clientId)}
          onPickDepartment={(slug) => chat.pickDepartment(slug)}
          onEndChat={() => void chat.closeConversation()}
          onClose={closeAndReturnFocus}
          onFocusLost={() => launcherRef.current?.focus()}
        />
      )}
      <Launcher
        open={open}
        unread={unread}
        panelId={PANEL_ID}
        buttonRef={launcherRef}
        onToggle={() => {
          openedByLauncher.current = !open;
          panel.toggle();
        }}
        onEscape={closeAndReturnFocus}
      />
    </div>
  );
}
