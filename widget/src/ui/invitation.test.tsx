import type { VisitorConversation } from '@mostrador/shared';
import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatSession, type Invitation } from '../chat/chatSession.ts';
import { conversation, message } from '../chat/testEvents.ts';
import { session, visitorMessage } from '../chat/testSession.ts';
import { createVisitorStorage } from '../chat/visitorStorage.ts';
import { FakeTransport, flush } from '../transport/fakeTransport.ts';
import { createPanelState, type PanelState } from './panelState.ts';
import { renderWidgetInEnglish } from './testRender.tsx';

let transport: FakeTransport;
let panel: PanelState;
let chat: ChatSession;
let container: HTMLElement;

const invitation = (teaser: boolean): Invitation => ({
  firingId: 'firing-1-xxxx',
  body: 'Need a hand <b>choosing</b>?',
  name: 'Marta',
  teaser,
});

async function start(departments: { slug: string; name: string }[] = []) {
  transport = new FakeTransport();
  panel = createPanelState();
  chat = new ChatSession({ transport, storage: createVisitorStorage('site', null), createClientId: () => 'client-id-1' });
  container = renderWidgetInEnglish(chat, panel);
  chat.start();
  const greeting = session(null);
  await serverSays(() => transport.establish({ ...greeting, site: { ...greeting.site, departments } }));
}

afterEach(() => {
  chat.dispose();
  cleanup();
});

const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);
const teaser = () => $('[data-part="teaser"]');
const lines = () => [...container.querySelectorAll<HTMLElement>('[data-part="message"]')];
const opened = () => transport.notified.filter((n) => n.event === 'trigger:opened').map((n) => n.payload);

async function serverSays(run: () => void) {
  await act(async () => {
    run();
    await flush();
  });
}

describe('a teaser invitation', () => {
  it('shows the message as text beside the launcher, in a polite live region, with a labelled close button', async () => {
    await start();
    const region = $('.teaser-region')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');
    await serverSays(() => chat.invite(invitation(true)));
    expect(teaser()?.parentElement).toBe(region);
    const open = $<HTMLButtonElement>('button[data-part="teaser-open"]')!;
    expect(open.textContent).toBe('MartaNeed a hand <b>choosing</b>?');
    expect(open.querySelector('b')).toBeNull();
    expect($('button[data-part="teaser-close"]')?.getAttribute('aria-label')).toBe('Dismiss message');
    expect($('[data-part="panel"]')).toBeNull();
    expect(opened()).toEqual([]);
  });

  it('opens the panel with the invitation as the agent’s message when activated, and reports it opened', async () => {
    await start();
    await serverSays(() => chat.invite(invitation(true)));
    await serverSays(() => fireEvent.click($('button[data-part="teaser-open"]')!));
    expect($('[data-part="panel"]')).not.toBeNull();
    expect(teaser()).toBeNull();
    const [line] = lines();
    expect(line?.dataset).toMatchObject({ author: 'agent', status: 'sent' });
    expect(line?.querySelector('.author')?.textContent).toBe('Marta');
    expect(line?.querySelector('[data-part="body"]')?.textContent).toBe('Need a hand <b>choosing</b>?');
    expect(opened()).toEqual([{ firingId: 'firing-1-xxxx' }]);
    // Activated from the keyboard or not, focus moves into the panel.
    expect(document.activeElement).toBe($('textarea[data-part="composer"]'));
    await serverSays(() => fireEvent.click($('button[data-part="launcher"]')!));
    await serverSays(() => fireEvent.click($('button[data-part="launcher"]')!));
    expect(opened()).toHaveLength(1);
  });

  it('counts as opened when the visitor opens the panel with the launcher instead', async () => {
    await start();
    await serverSays(() => chat.invite(invitation(true)));
    await serverSays(() => fireEvent.click($('button[data-part="launcher"]')!));
    expect(lines()[0]?.textContent).toContain('Need a hand');
    expect(opened()).toEqual([{ firingId: 'firing-1-xxxx' }]);
  });

  it('goes away with its close button or Escape, giving focus back to the launcher', async () => {
    await start();
    await serverSays(() => chat.invite(invitation(true)));
    await serverSays(() => fireEvent.click($('button[data-part="teaser-close"]')!));
    expect(teaser()).toBeNull();
    expect(document.activeElement).toBe($('button[data-part="launcher"]'));
    await serverSays(() => chat.invite(invitation(true)));
    await serverSays(() => fireEvent.keyDown($('button[data-part="teaser-open"]')!, { key: 'Escape' }));
    expect(teaser()).toBeNull();
    await serverSays(() => fireEvent.click($('button[data-part="launcher"]')!));
    expect(lines()).toEqual([]);
    expect(opened()).toEqual([]);
  });
});

describe('replying to an invitation', () => {
  it('sends the firing id with the reply that opens the conversation, and swaps in the stored invitation', async () => {
    await start([{ slug: 'sales', name: 'Sales' }]);
    await serverSays(() => chat.invite(invitation(false)));
    await serverSays(() => panel.open());
    // The rule says where the conversation goes: no department question.
    expect($('[data-part="department-picker"]')).toBeNull();
    fireEvent.input($('textarea[data-part="composer"]')!, { target: { value: 'Yes please' } });
    fireEvent.keyDown($('textarea[data-part="composer"]')!, { key: 'Enter' });
    const send = transport.take('message:send');
    expect(send.payload).toMatchObject({ clientId: 'client-id-1', body: 'Yes please', trigger: 'firing-1-xxxx' });

    const opened: VisitorConversation = conversation({ origin: 'trigger', lastSeq: 2 });
    await serverSays(() => send.reply({ ok: true, data: { event: visitorMessage(2, 'client-id-1', 'Yes please'), conversation: opened } }));
    // Until the log from seq 1 arrives, the invitation leads the new conversation.
    // (Read by parts: a stored message also shows its time.)
    expect(
      lines().map((l) => `${l.querySelector('.author')?.textContent ?? ''}${l.querySelector('[data-part="body"]')?.textContent}`),
    ).toEqual(['MartaNeed a hand <b>choosing</b>?', 'Yes please']);
    const sync = transport.take('conversation:sync');
    await serverSays(() =>
      sync.reply({
        ok: true,
        data: {
          conversation: opened,
          events: [message(1, { body: 'Need a hand <b>choosing</b>?' }), visitorMessage(2, 'client-id-1', 'Yes please')],
          hasMore: false,
        },
      }),
    );
    expect(lines().map((l) => l.dataset.invitation)).toEqual([undefined, undefined]);
    expect(lines().map((l) => l.querySelector('[data-part="body"]')?.textContent)).toEqual(['Need a hand <b>choosing</b>?', 'Yes please']);
    expect(chat.view.get().invitation).toBeNull();
  });

  it('sends no firing id once a conversation is open', async () => {
    await start();
    await serverSays(() => transport.emit('message:created', { event: message(1), conversation: conversation({ lastSeq: 1 }) }));
    await serverSays(() => chat.invite(invitation(false)));
    chat.send('Hola');
    expect(transport.take('message:send').payload.trigger).toBeUndefined();
  });
});
