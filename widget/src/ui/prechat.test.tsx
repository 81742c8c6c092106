import type { SessionEstablished } from '@mostrador/shared';
import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatSession } from '../chat/chatSession.ts';
import { createVisitorStorage } from '../chat/visitorStorage.ts';
import { createPanelState } from './panelState.ts';
import { renderWidgetInEnglish } from './testRender.tsx';
import { conversation } from '../chat/testEvents.ts';
import { firstVisit, quietSite } from '../chat/testSession.ts';
import { FakeTransport, flush } from '../transport/fakeTransport.ts';
import { openPanelOnSite } from './testOpenPanel.tsx';

let transport: FakeTransport;
let chat: ChatSession;
let container: HTMLElement;

async function start(site: Partial<SessionEstablished['site']>, contact: SessionEstablished['contact'] = null) {
  ({ transport, chat, container } = await openPanelOnSite(site, contact));
}

afterEach(() => {
  chat.dispose();
  cleanup();
});

const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);
const form = () => $<HTMLFormElement>('form[data-part="prechat-form"]');
const composer = () => $<HTMLTextAreaElement>('textarea[data-part="composer"]');
const field = (name: string) => form()!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;

describe('the pre-chat form', () => {
  it('asks for a name and an email before the first message, labelled and focused, then gives way to the composer', async () => {
    await start({ preChat: 'name_email' });
    expect(composer()).toBeNull();
    expect(form()!.textContent).toContain('Before we start, tell us how to reach you. We use it only to answer this conversation.');
    expect(document.activeElement).toBe(field('email'));
    expect([field('email').getAttribute('aria-label'), field('email').required]).toEqual(['Email', true]);
    expect([field('name').getAttribute('aria-label'), field('name').required]).toEqual(['Name', true]);
    const button = form()!.querySelector('button')!;
    expect([button.type, button.textContent]).toEqual(['submit', 'Start chat']);

    fireEvent.input(field('email'), { target: { value: ' anna@example.com ' } });
    fireEvent.input(field('name'), { target: { value: 'Anna' } });
    fireEvent.submit(form()!);
    const request = transport.take('visitor:contact');
    expect(request.payload).toEqual({ email: 'anna@example.com', name: 'Anna' });
    await act(async () => {
      request.reply({ ok: true, data: { email: 'anna@example.com', name: 'Anna' } });
      await flush();
    });
    expect(form()).toBeNull();
    expect(document.activeElement).toBe(composer());
  });

  it('takes focus from the composer when the session asks for it after the visitor opened the panel', async () => {
    transport = new FakeTransport();
    chat = new ChatSession({ transport, storage: createVisitorStorage('site', null), createClientId: () => 'client-id-1' });
    container = renderWidgetInEnglish(chat, createPanelState());
    chat.start();
    fireEvent.click(container.querySelector('button[data-part="launcher"]')!);
    expect(document.activeElement).toBe(composer());
    await act(async () => {
      transport.establish({
        visitorId: 'vis_1',
        token: 'tok',
        conversation: null,
        site: { name: 'Botiga', departments: [], typingPreview: false, ...quietSite, preChat: 'email' },
        visit: firstVisit,
      });
      await flush();
    });
    expect(document.activeElement).toBe(field('email'));
  });

  it('asks for the email alone, the name optional, when the site asks for an email', async () => {
    await start({ preChat: 'email' });
    expect(field('email').required).toBe(true);
    expect([field('name').getAttribute('aria-label'), field('name').required]).toEqual(['Name (optional)', false]);
    expect(composer()).toBeNull();
  });

  it('asks again for the name alone missing when the site wants both, the known email aside', async () => {
    await start({ preChat: 'name_email' }, { email: 'anna@example.com', name: null });
    expect(form()).not.toBeNull();
    expect(composer()).toBeNull();
  });

  it('is not shown when the shop already has the email the site asks for', async () => {
    await start({ preChat: 'email' }, { email: 'anna@example.com', name: null });
    expect(form()).toBeNull();
    expect(composer()).not.toBeNull();
  });

  it('is not shown when the shop already knows the visitor (a saved contact or a verified identify)', async () => {
    await start({ preChat: 'name_email' }, { email: 'nuria@example.cat', name: 'Núria Vidal' });
    expect(form()).toBeNull();
    expect(composer()).not.toBeNull();
  });

  it('goes away when the shop learns the contact meanwhile (a verified identify, another tab)', async () => {
    await start({ preChat: 'name_email' });
    expect(form()).not.toBeNull();
    await act(async () => {
      transport.emit('contact:changed', { contact: { email: 'nuria@example.cat', name: 'Núria Vidal' } });
      await flush();
    });
    expect(form()).toBeNull();
    expect(composer()).not.toBeNull();
  });

  it('is not shown when the site asks nothing', async () => {
    await start({ preChat: 'off' });
    expect(form()).toBeNull();
    expect(composer()).not.toBeNull();
  });

  it('is not shown once a conversation is open (one started before the site asked)', async () => {
    await start({ preChat: 'email' });
    expect(form()).not.toBeNull();
    await act(async () => {
      transport.establish({
        visitorId: 'vis_1',
        token: 'tok',
        conversation: conversation(),
        site: { name: 'Botiga', departments: [], typingPreview: false, ...quietSite, preChat: 'email' },
        visit: firstVisit,
      });
      await flush();
    });
    expect(form()).toBeNull();
    expect(composer()).not.toBeNull();
  });
});
