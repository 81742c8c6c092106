import type { SessionEstablished, VisitorConversation, VisitorEvent } from '@mostrador/shared';
import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatSession } from '../chat/chatSession.ts';
import { CONVERSATION_ID, conversation, joinedEvent, leftEvent, message, queuedEvent, statusEvent } from '../chat/testEvents.ts';
import { firstVisit, quietSite } from '../chat/testSession.ts';
import { createVisitorStorage } from '../chat/visitorStorage.ts';
import { FakeTransport, flush } from '../transport/fakeTransport.ts';
import { createPanelState } from './panelState.ts';
import { renderWidgetInEnglish } from './testRender.tsx';

const DEPARTMENTS = [
  { slug: 'sales', name: 'Sales' },
  { slug: 'support', name: 'Support' },
];

let transport: FakeTransport;
let chat: ChatSession;
let container: HTMLElement;

async function start(conv: VisitorConversation | null, departments = DEPARTMENTS, beforeStart?: (chat: ChatSession) => void) {
  transport = new FakeTransport();
  const panel = createPanelState();
  chat = new ChatSession({ transport, storage: createVisitorStorage('site', null), createClientId: () => 'client-id-1' });
  beforeStart?.(chat);
  container = renderWidgetInEnglish(chat, panel);
  chat.start();
  const session: SessionEstablished = {
    visitorId: 'vis_1',
    token: 'tok',
    conversation: conv,
    site: { name: 'Botiga', departments, typingPreview: false, ...quietSite },
    visit: firstVisit,
  };
  await serverSays(() => transport.establish(session));
  fireEvent.click($('button[data-part="launcher"]')!);
}

afterEach(() => {
  chat.dispose();
  cleanup();
});

const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);
const picker = () => $('[data-part="department-picker"]');
const composer = () => $<HTMLTextAreaElement>('textarea[data-part="composer"]');

async function serverSays(run: () => void) {
  await act(async () => {
    run();
    await flush();
  });
}

const changed = (event: VisitorEvent, change: Partial<VisitorConversation> = {}) =>
  serverSays(() => transport.emit('conversation:changed', { event, conversation: conversation({ lastSeq: event.seq, ...change }) }));

describe('department picker', () => {
  it('asks first, as labelled buttons focused on open, then reveals and focuses the composer and sends the pick', async () => {
    await start(null);
    const group = picker()!;
    expect(group.getAttribute('role')).toBe('group');
    expect(container.querySelector(`#${group.getAttribute('aria-labelledby')}`)?.textContent).toBe('What can we help you with?');
    const buttons = [...group.querySelectorAll<HTMLButtonElement>('button[data-department]')];
    expect(buttons.map((b) => [b.dataset.department, b.textContent, b.type])).toEqual([
      ['sales', 'Sales', 'button'],
      ['support', 'Support', 'button'],
    ]);
    expect(document.activeElement).toBe(buttons[0]);
    expect(composer()).toBeNull();

    await act(async () => void fireEvent.click(buttons[1]!));
    expect(picker()).toBeNull();
    expect(document.activeElement).toBe(composer());
    fireEvent.input(composer()!, { target: { value: 'Hola' } });
    fireEvent.keyDown(composer()!, { key: 'Enter' });
    expect(transport.take('message:send').payload.department).toBe('support');
  });

  it('is skipped when the shop set a department', async () => {
    await start(null, DEPARTMENTS, (c) => c.setDepartment('sales'));
    expect(picker()).toBeNull();
    expect(composer()).not.toBeNull();
  });

  it('is not shown while a conversation is open, nor when the site offers no choice', async () => {
    await start(conversation());
    expect(picker()).toBeNull();
    cleanup();
    await start(null, []);
    expect(picker()).toBeNull();
    expect(composer()).not.toBeNull();
  });

  it('comes back for a new chat after the conversation closes', async () => {
    await start(null);
    await act(async () => void fireEvent.click($('button[data-department="sales"]')!));
    await changed(message(1, { author: { kind: 'visitor', id: 'vis_1', name: null } }));
    expect(picker()).toBeNull();
    await changed(statusEvent(2, 'closed'), { status: 'closed' });
    expect(picker()).not.toBeNull();
  });
});

describe('queue banner', () => {
  const queueUpdated = (queue: { position: number; estimatedWaitSeconds: number } | null) =>
    serverSays(() => transport.emit('queue:updated', { conversationId: CONVERSATION_ID, queue }));

  it('shows the position and a rounded wait as a status, follows updates, and goes when an agent joins', async () => {
    await start(conversation({ queue: { position: 3, estimatedWaitSeconds: 130 } }));
    const banner = () => $('[data-part="queue"]');
    expect(banner()?.getAttribute('role')).toBe('status');
    expect(banner()?.dataset.position).toBe('3');
    expect(banner()?.textContent).toBe('You are number 3 in line · about 2 min');
    await queueUpdated({ position: 1, estimatedWaitSeconds: 40 });
    expect(banner()?.dataset.position).toBe('1');
    expect(banner()?.textContent).toBe('You are number 1 in line · less than a minute');
    await queueUpdated(null);
    expect(banner()).toBeNull();
  });

  it('takes the latest conversation from an ack too', async () => {
    await start(conversation({ queue: { position: 2, estimatedWaitSeconds: 60 } }));
    await changed(joinedEvent(1), { queue: null, agents: [{ name: 'Marta' }] });
    expect($('[data-part="queue"]')).toBeNull();
  });
});

describe('who is in the chat', () => {
  it('lists the agents in the header and one system line per routing event', async () => {
    await start(conversation());
    expect($('[data-part="agents"]')).toBeNull();
    await changed(queuedEvent(1, 'new'));
    await changed(joinedEvent(2), { agents: [{ name: 'Marta' }] });
    expect($('[data-part="agents"]')?.textContent).toBe('Marta');
    await changed(joinedEvent(3, 'guest'), { agents: [{ name: 'Marta' }, { name: 'Jordi' }] });
    expect($('[data-part="agents"]')?.textContent).toBe('Marta, Jordi');
    await changed(leftEvent(4, 'offline'), { agents: [{ name: 'Jordi' }] });
    await changed(queuedEvent(5, 'transferred', 'Support'));
    await changed(statusEvent(6, 'closed'), { status: 'closed', agents: [] });
    expect($('[data-part="agents"]')).toBeNull();

    const lines = [...container.querySelectorAll<HTMLElement>('[data-part="message"][data-author="system"]')];
    expect(lines.map((line) => [line.dataset.event, line.textContent])).toEqual([
      ['queued', "You're in the queue for Sales; an agent will be with you shortly"],
      ['joined', 'Marta joined the chat'],
      ['joined', 'Marta joined the chat'],
      ['left', 'Marta left the chat. We are finding someone else to help you.'],
      ['queued', "You've been transferred to Support"],
      ['status', 'The conversation was closed'],
    ]);
  });
});
