import { useEffect } from 'preact/hooks';
import type { InboxController } from '../state/inboxController.ts';
import { focusChatSoon, isConversationRow } from './paneFocus.ts';

/**
 * Alt+ArrowUp / Alt+ArrowDown move between chats from anywhere: to the
 * neighbouring open pane, and past the last one along the visible list.
 * Focus follows: to the reply box of the chat (or to its row, when focus was
 * on the list), so the agent can type at once. Off while the chats are
 * hidden behind another view, where the keys keep their native meaning.
 */
export function useConversationShortcuts(controller: InboxController, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
      event.preventDefault();
      const focusWasOnRow = isConversationRow(document.activeElement);
      const target = controller.moveFocus(event.key === 'ArrowUp' ? -1 : 1);
      if (target !== null) focusChatSoon(target, focusWasOnRow ? 'row' : 'reply');
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [controller, enabled]);
}
