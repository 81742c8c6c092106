import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatSession } from '../chat/chatSession.ts';
import { conversation, message } from '../chat/testEvents.ts';
import { flush, type FakeTransport } from '../transport/fakeTransport.ts';
import { openPanelOnSite } from './testOpenPanel.tsx';

const PICTURE = '/avatars/AAAAAAAAAAAAAAAAAAAAAA';
let transport: FakeTransport;
let chat: ChatSession;
let container: HTMLElement;

afterEach(() => {
  chat.dispose();
  cleanup();
});

const pictures = () => [...container.querySelectorAll<HTMLImageElement>('img.avatar')];

describe('agent pictures in the panel', () => {
  it('shows the online team’s pictures named by alt, initials for the one without, and initials again when one fails to load', async () => {
    ({ transport, chat, container } = await openPanelOnSite({
      onlineAgents: { any: true, departments: [], team: ['Marta', 'Jordi'], pictures: [PICTURE, null] },
    }));
    const [img] = pictures();
    expect(pictures()).toHaveLength(1);
    expect(img!.getAttribute('alt')).toBe('Marta');
    expect(new URL(img!.src).pathname).toBe(PICTURE);
    expect([...container.querySelectorAll('[data-part="team"] span.avatar')].map((a) => a.textContent)).toEqual(['J']);

    fireEvent.error(img!);
    await act(flush);
    expect(pictures()).toHaveLength(0);
    expect([...container.querySelectorAll('[data-part="team"] .avatar')].map((a) => a.textContent)).toEqual(['M', 'J']);
  });

  it('heads an agent’s run of messages with their picture, alt empty beside their name; initials for an agent without one', async () => {
    ({ transport, chat, container } = await openPanelOnSite({}));
    await act(async () => {
      transport.emit('conversation:changed', {
        event: message(1),
        conversation: conversation({ lastSeq: 1, agents: [{ id: 'agt_1', name: 'Marta', picture: PICTURE }] }),
      });
      await flush();
    });
    const author = container.querySelector('[data-part="author"]')!;
    const img = author.querySelector('img')!;
    expect(img.getAttribute('alt')).toBe('');
    expect(new URL(img.src).pathname).toBe(PICTURE);
    expect(author.textContent).toBe('Marta');

    await act(async () => {
      transport.emit('conversation:changed', {
        event: message(2, { author: { kind: 'agent', id: 'agt_2', name: 'Jordi Puig' } }),
        conversation: conversation({ lastSeq: 2, agents: [{ id: 'agt_1', name: 'Marta', picture: PICTURE }, { name: 'Jordi Puig' }] }),
      });
      await flush();
    });
    const heads = [...container.querySelectorAll('[data-part="author"]')];
    expect(heads[1]!.querySelector('img')).toBeNull();
    expect(heads[1]!.querySelector('.avatar')!.textContent).toBe('JP');
  });
});
