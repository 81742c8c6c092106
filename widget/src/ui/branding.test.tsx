import type { SessionEstablished } from '@mostrador/shared';
import { DEFAULT_BRANDING } from '@mostrador/shared/branding';
import { act, cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLook } from '../boot/launcher.ts';
import type { ChatSession } from '../chat/chatSession.ts';
import { flush, type FakeTransport } from '../transport/fakeTransport.ts';
import { openPanelOnSite } from './testOpenPanel.tsx';

let transport: FakeTransport;
let chat: ChatSession;
let container: HTMLElement;

const look = {
  ...DEFAULT_BRANDING,
  title: { ca: 'Parlem', es: 'Hablemos', en: 'Talk to Botiga' },
  greeting: { ca: '', es: '', en: 'Ask us about sizes!' },
  theme: 'dark',
} as const;

async function start(site: Partial<SessionEstablished['site']>) {
  ({ transport, chat, container } = await openPanelOnSite(site));
}

afterEach(() => {
  chat.dispose();
  cleanup();
});

const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);

describe('the merchant’s branding in the panel', () => {
  it('titles and greets in the widget’s language, and takes the forced theme', async () => {
    await start({ branding: { look, replySeconds: null } });
    expect($('h2')!.textContent).toBe('Talk to Botiga');
    expect($('.greeting')!.textContent).toBe('Ask us about sizes!');
    expect($('.chat')!.dataset.theme).toBe('dark');
  });

  it('keeps the shop’s name and our greeting where the merchant wrote nothing', async () => {
    await start({ branding: { look: DEFAULT_BRANDING, replySeconds: null } });
    expect($('h2')!.textContent).toBe('Botiga');
    expect($('.greeting')!.textContent).toBe('Hi! Send us a message and we will answer here.');
    expect($('.chat')!.dataset.theme).toBe('auto');
  });

  it('shows the online team’s initials and the real reply time, and follows the team live', async () => {
    await start({ onlineAgents: { any: true, departments: [], team: ['Marta', 'jordi'] }, branding: { look, replySeconds: 240 } });
    expect($('[data-part="team"] [role="img"]')!.getAttribute('aria-label')).toBe('Online now: Marta, jordi');
    expect([...container.querySelectorAll('.avatar')].map((a) => a.textContent)).toEqual(['M', 'J']);
    expect($('[data-part="reply-time"]')!.textContent).toBe('We usually reply in about 4 min');

    await act(async () => {
      transport.emit('agents:changed', { onlineAgents: { any: false, departments: [] } });
      await flush();
    });
    expect(container.querySelectorAll('.avatar')).toHaveLength(0);
    expect($('[data-part="reply-time"]')!.textContent).toBe('We usually reply in about 4 min');
  });

  it('says nothing about reply times without data, nor about a team nobody shows', async () => {
    await start({ onlineAgents: { any: true, departments: [] }, branding: { look, replySeconds: null } });
    expect($('[data-part="team"]')).toBeNull();
  });
});

describe('the launcher’s look', () => {
  it('sets the colours and offsets as custom properties and the side and style as attributes', () => {
    const widget = document.createElement('div');
    applyLook(widget, {
      ...DEFAULT_BRANDING,
      color: '#0b5d3b',
      textColor: '#ffffff',
      side: 'left',
      offsetX: 32,
      offsetY: 8,
      launcher: 'labelled',
    });
    expect(widget.style.getPropertyValue('--accent')).toBe('#0b5d3b');
    expect(widget.style.getPropertyValue('--accent-text')).toBe('#ffffff');
    expect(widget.style.getPropertyValue('--x')).toBe('32px');
    expect(widget.style.getPropertyValue('--y')).toBe('8px');
    expect({ ...widget.dataset }).toEqual({ side: 'left', launcher: 'labelled' });
  });
});
