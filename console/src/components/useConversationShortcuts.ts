import { useEffect } from 'preact/hooks';
import type { InboxController } from '../state/inboxController.ts';

const ROW_SELECTOR = '[data-part="conversation-row"]';

/**
 * Alt+ArrowUp / Alt+ArrowDown move to the previous / next conversation from
 * anywhere in the inbox. When focus was on a row it follows the selection, so
 * the list can be walked with the keyboard alone.
 */
export function useConversationShortcuts(controller: InboxController): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
      event.preventDefault();
      const focusWasOnRow = document.activeElement?.matches(ROW_SELECTOR) ?? false;
      const selectedId = controller.moveSelection(event.key === 'ArrowUp' ? -1 : 1);
      if (!focusWasOnRow || selectedId === null) return;
      // Wait for the render that marks the new row as current.
      requestAnimationFrame(() => {
        document.querySelector<HTMLElement>(`${ROW_SELECTOR}[data-conversation-id="${CSS.escape(selectedId)}"]`)?.focus();
      });
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [controller]);
}
