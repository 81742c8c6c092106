import type { TypingChanged } from '@mostrador/shared';
import { act, cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { visitorMessage } from '../state/testFixtures.ts';
import { renderInbox } from './testInbox.tsx';

const visitorTyping = (draft: string | null, typing = true): TypingChanged => ({
  conversationId: 'conv_new',
  typing,
  agent: null,
  draft,
});

describe('typing preview', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  async function openChat() {
    const inbox = await renderInbox();
    await inbox.openRow('conv_new');
    const pane = inbox.pane('conv_new')!;
    const draft = () => pane.querySelector<HTMLElement>('[data-part="draft"]');
    const typingLine = () => pane.querySelector<HTMLElement>('[data-part="typing"][data-author="visitor"]');
    const say = (change: TypingChanged) => act(() => inbox.connection.emitFact('typing:changed', change));
    return { ...inbox, pane, draft, typingLine, say };
  }

  it('shows the visitor’s draft live, as text, labelled and outside any live region', async () => {
    const { draft, typingLine, say } = await openChat();
    say(visitorTyping('Do you ship'));
    expect(draft()?.querySelector('[data-part="draft-body"]')?.textContent).toBe('Do you ship');
    expect(draft()?.getAttribute('aria-label')).toBe('Unsent draft from Visitor New');
    expect(draft()?.closest('[aria-live]')).toBeNull();
    // The typing line stays in its live region for screen readers, but the draft shows the typing.
    expect(typingLine()?.classList.contains('visually-hidden')).toBe(true);

    say(visitorTyping('Do you ship to <b>Andorra</b>?'));
    const body = draft()!.querySelector('[data-part="draft-body"]')!;
    expect(body.textContent).toBe('Do you ship to <b>Andorra</b>?');
    expect(body.querySelector('b')).toBeNull();
  });

  it('falls back to “is typing” when the draft empties, and clears when typing stops', async () => {
    const { draft, typingLine, say } = await openChat();
    say(visitorTyping('Hello'));
    say(visitorTyping(''));
    expect(draft()).toBeNull();
    expect(typingLine()?.classList.contains('visually-hidden')).toBe(false);
    expect(typingLine()?.textContent).toContain('Visitor is typing…');

    say(visitorTyping('Hello again'));
    say(visitorTyping('Hello again', false));
    expect(draft()).toBeNull();
    expect(typingLine()).toBeNull();
  });

  it('shows the plain indicator when the site sends no draft', async () => {
    const { draft, typingLine, say } = await openChat();
    say(visitorTyping(null));
    expect(draft()).toBeNull();
    expect(typingLine()?.classList.contains('visually-hidden')).toBe(false);
  });

  it('replaces the draft with the message once it arrives', async () => {
    const { draft, say, connection, append, pane } = await openChat();
    say(visitorTyping('Is the hoodie in stock?'));
    act(() =>
      connection.emitFact(
        'message:created',
        append('conv_new', (seq) => visitorMessage('conv_new', seq, 'Is the hoodie in stock?')),
      ),
    );
    expect(draft()).toBeNull();
    const bodies = [...pane.querySelectorAll('[data-part="message"][data-author="visitor"] [data-part="body"]')].map((b) => b.textContent);
    expect(bodies.at(-1)).toBe('Is the hoodie in stock?');
  });
});
