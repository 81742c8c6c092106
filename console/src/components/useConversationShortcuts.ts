import { useEffect } from 'preact/hooks';
import type { InboxController } from '../state/inboxController.ts';

const ROW_SELECTOR = '[data-part="conversation-row"]';
const PANE_SELECTOR = '[data-part="conversation"]';

/** CSS.escape where the environment has it (jsdom does not); ids are plain anyway. */
const escapeId = (id: string) =>
  typeof globalThis.CSS?.escape === 'function' ? CSS.escape(id) : id.replace(/["\\]/g, '\\$&');

/**
 * Alt+ArrowUp / Alt+ArrowDown move between chats from anywhere: to the
 * neighbouring open pane, and past the last one along the visible list.
 * Focus follows: to the reply box of the chat (or to its row, when focus was
 * on the list), so the agent can type at once.
 */
export function useConversationShortcuts(controller: InboxController): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
      event.preventDefault();
      const focusWasOnRow = document.activeElement?.matches(ROW_SELECTOR) ?? false;
      const target = controller.moveFocus(event.key === 'ArrowUp' ? -1 : 1);
      if (target === null) return;
      // Wait for the render that opens or marks the chat.
      requestAnimationFrame(() => {
        const id = escapeId(target);
        const element = focusWasOnRow
          ? document.querySelector<HTMLElement>(`${ROW_SELECTOR}[data-conversation-id="${id}"]`)
          : document.querySelector<HTMLElement>(`${PANE_SELECTOR}[data-conversation-id="${id}"] textarea[name="reply"]`);
        element?.focus();
      });
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [controller]);
}
