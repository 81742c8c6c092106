import type { BusinessHours, SessionEstablished } from '@mostrador/shared';
import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatSession } from '../chat/chatSession.ts';
import { flush, type FakeTransport } from '../transport/fakeTransport.ts';
import { openPanelOnSite } from './testOpenPanel.tsx';

let transport: FakeTransport;
let chat: ChatSession;
let container: HTMLElement;

/** Never open: no weekly hours. */
const alwaysClosed: BusinessHours = { timeZone: 'Europe/Madrid', weekly: [], holidays: [], closures: [] };
/** Every day, all day, but closed for the next hour: it opens when the closure ends. */
const closedForAnHour = (): BusinessHours => ({
  timeZone: 'Europe/Madrid',
  weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: '00:00', to: '24:00' })),
  holidays: [],
  closures: [{ from: Date.now() - 60_000, to: Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000 }],
});

async function start(site: Partial<SessionEstablished['site']>, contact: SessionEstablished['contact'] = null) {
  ({ transport, chat, container } = await openPanelOnSite(site, contact));
}

afterEach(() => {
  chat.dispose();
  cleanup();
});

const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);

describe('when nobody can answer', () => {
  it('shows the closed state the moment an admin closes the shop, with no reconnection', async () => {
    await start({});
    expect($('[data-part="closed"]')).toBeNull();
    await act(async () => {
      transport.emit('hours:changed', { hours: { site: alwaysClosed, departments: {} } });
      await flush();
    });
    expect($('[data-part="closed"]')!.textContent).toBe('Nobody can answer right now.');
    expect($('form[data-part="contact-form"]')).not.toBeNull();
  });

  it('says when the shop opens, in the shopper’s own time, and offers the offline form', async () => {
    const hours = closedForAnHour();
    await start({ hours: { site: hours, departments: {} } });
    const when = new Intl.DateTimeFormat('en', { weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(hours.closures[0]!.to);
    expect($('[data-part="closed"]')!.textContent).toBe(`We're closed. Back ${when} (your time).`);
    expect($('[data-part="queue"]')).toBeNull();

    const form = $('form[data-part="contact-form"]')!;
    expect(form.textContent).toContain('We use it only to answer this conversation.');
    fireEvent.input(form.querySelector('input[name="email"]')!, { target: { value: ' anna@example.com ' } });
    fireEvent.submit(form);
    const request = transport.take('visitor:contact');
    expect(request.payload).toEqual({ email: 'anna@example.com' });
    await act(async () => {
      request.reply({ ok: true, data: { email: 'anna@example.com', name: null } });
      await flush();
    });
    expect($('form[data-part="contact-form"]')).toBeNull();
    expect($('[data-part="contact-saved"]')!.textContent).toBe("We'll answer at anna@example.com.");
    // The composer stays: the message goes with the contact, as a ticket.
    expect($('textarea[data-part="composer"]')).not.toBeNull();
  });

  it('is closed when nobody is online inside the hours, and never asks for a contact the shop has', async () => {
    await start({ onlineAgents: { any: false, departments: [] } }, { email: 'anna@example.com', name: 'Anna' });
    expect($('[data-part="closed"]')!.textContent).toBe('Nobody can answer right now.');
    expect($('form[data-part="contact-form"]')).toBeNull();
    expect($('[data-part="contact-saved"]')!.textContent).toBe("We'll answer at anna@example.com.");
  });

  it('has no closed state while open with agents online', async () => {
    await start({ hours: { site: { ...alwaysClosed, weekly: closedForAnHour().weekly }, departments: {} } });
    expect($('[data-part="closed"]')).toBeNull();
    expect($('form[data-part="contact-form"]')).toBeNull();
  });
});
