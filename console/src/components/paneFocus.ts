const ROW_SELECTOR = '[data-part="conversation-row"]';
const PANE_SELECTOR = '[data-part="conversation"]';

/** CSS.escape where the environment has it (jsdom does not); ids are plain anyway. */
const escapeId = (id: string) => (typeof globalThis.CSS?.escape === 'function' ? CSS.escape(id) : id.replace(/["\\]/g, '\\$&'));

/**
 * Moves focus to a chat once the render that opens or marks it is done:
 * to its reply box, so the agent can type at once, or to its row in the list.
 */
export function focusChatSoon(conversationId: string, target: 'reply' | 'row'): void {
  requestAnimationFrame(() => {
    const id = escapeId(conversationId);
    const selector =
      target === 'row'
        ? `${ROW_SELECTOR}[data-conversation-id="${id}"]`
        : `${PANE_SELECTOR}[data-conversation-id="${id}"] textarea[name="reply"]`;
    document.querySelector<HTMLElement>(selector)?.focus();
  });
}

export function isConversationRow(element: Element | null): boolean {
  return element?.matches(ROW_SELECTOR) ?? false;
}
