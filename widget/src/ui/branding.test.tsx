import type { Branding, SessionEstablished } from '@mostrador/shared';
import { DEFAULT_BRANDING } from '@mostrador/shared/branding';
import { act, cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepLook } from '../boot/look.ts';
import { createVisitorStorage } from '../chat/visitorStorage.ts';
import { createStore } from '../util/store.ts';
import type { ChatSession } from '../chat/chatSession.ts';
import { flush, type FakeTransport } from '../transport/fakeTransport.ts';
import type { SoundSwitch } from './SoundToggle.tsx';
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

async function start(site: Partial<SessionEstablished['site']>, sound?: SoundSwitch) {
  ({ transport, chat, container } = await openPanelOnSite(site, null, sound));
}

/** The shopper's mute as the panel chunk keeps it, in memory; `change` plays another tab's click. */
function memorySwitch() {
  let muted = false;
  const listeners = new Set<() => void>();
  const sound: SoundSwitch = {
    muted: () => muted,
    setMuted: vi.fn((next: boolean) => void (muted = next)),
    onChange: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  };
  const change = (next: boolean) => {
    muted = next;
    for (const listener of listeners) listener();
  };
  return { sound, change };
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

describe('a look saved while the panel is open', () => {
  it('retitles, regreets and rethemes the open panel without a reload', async () => {
    await start({ branding: { look: DEFAULT_BRANDING, replySeconds: null } });
    expect($('h2')!.textContent).toBe('Botiga');
    await act(async () => {
      transport.emit('branding:changed', { branding: { look, replySeconds: null } });
      await flush();
    });
    expect($('h2')!.textContent).toBe('Talk to Botiga');
    expect($('.greeting')!.textContent).toBe('Ask us about sizes!');
    expect($('.chat')!.dataset.theme).toBe('dark');
  });
});

describe('the shopper’s mute', () => {
  it('shows no sound button while the merchant has the sound off, and one when it is turned on live', async () => {
    const { sound } = memorySwitch();
    await start({ branding: { look, replySeconds: null } }, sound);
    expect($('[data-part="sound"]')).toBeNull();
    await act(async () => {
      transport.emit('branding:changed', { branding: { look: { ...look, sound: true }, replySeconds: null } });
      await flush();
    });
    expect($('[data-part="sound"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('is a toggle with a steady name: pressed plays, unpressed is muted, and follows another tab’s change', async () => {
    const { sound, change } = memorySwitch();
    await start({ branding: { look: { ...look, sound: true }, replySeconds: null } }, sound);
    const button = $<HTMLButtonElement>('[data-part="sound"]')!;
    expect(button.getAttribute('aria-label')).toBe('Sound for new messages');
    act(() => button.click());
    expect(sound.setMuted).toHaveBeenCalledWith(true);
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(button.getAttribute('aria-label')).toBe('Sound for new messages');
    act(() => change(false));
    expect($('[data-part="sound"]')!.getAttribute('aria-pressed')).toBe('true');
  });
});

describe('the launcher’s look', () => {
  it('sets the colours and offsets as custom properties and the side and style as attributes', () => {
    const widget = document.createElement('div');
    const look = createStore<Branding | undefined>(undefined);
    keepLook(widget, createVisitorStorage('site', null), look);
    look.set({
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
