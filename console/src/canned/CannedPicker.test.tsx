import type { CannedReply } from '@mostrador/shared';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer, type DraftStore } from '../components/Composer.tsx';
import { profile } from '../state/visitorFixtures.ts';
import { placeholderValues } from './placeholderValues.ts';

const reply = (shortcut: string, title: string, bodies: Partial<CannedReply['bodies']>): CannedReply => ({
  id: `cnr_${shortcut}`,
  shortcut,
  title,
  scope: 'shared',
  departmentId: null,
  bodies: { ca: '', es: '', en: '', ...bodies },
  updatedAt: 1,
});

const replies = [
  reply('cart', 'Cart total', { ca: 'Hola {{visitor.first_name|}}! El teu carret fa {{cart.total}}.', en: 'Your cart is {{cart.total}}.' }),
  reply('tracking', 'Tracking', { en: 'Hi {{visitor.first_name|there}}, your parcel is {{ask:tracking number}} with {{shop.name}}.' }),
  reply('talla', 'Sizes for {{product.name}}', { ca: 'La {{product.name}} va petita.' }),
];

function setup(visitor = profile()) {
  const onSend = vi.fn();
  const drafts: DraftStore = new Map();
  const values = placeholderValues({ phase: 'ready', profile: visitor }, { agentName: 'Pau', shopName: 'Botiga Test' }, 'en');
  const view = render(
    <Composer conversationId="cnv_a" drafts={drafts} onSend={onSend} canned={{ replies, values, visitorLanguage: visitor.language }} />,
  );
  const textarea = view.container.querySelector<HTMLTextAreaElement>('textarea')!;
  const type = (value: string) => {
    textarea.value = value;
    textarea.setSelectionRange(value.length, value.length);
    fireEvent.input(textarea);
  };
  const key = (name: string) => fireEvent.keyDown(textarea, { key: name });
  const options = () => [...view.container.querySelectorAll('[role="option"]')].map((o) => o.textContent ?? '');
  return { ...view, onSend, textarea, type, key, options };
}

describe('canned reply picker', () => {
  afterEach(cleanup);

  it('opens on "/", filters as the agent types, and inserts from the keyboard with the live cart filled in', () => {
    const { textarea, type, key, options, onSend } = setup();
    type('/');
    expect(options()).toHaveLength(3);
    type('/ta');
    // Shortcuts that start with it first, then titles that contain it ("Cart total").
    expect(options().map((o) => o.split(' ')[0])).toEqual(['/talla', '/cart']);
    type('/c');
    expect(options()[0]).toContain('/cart');
    key('Enter');
    // The visitor's browser says ca-ES: the Catalan version, with her name and her cart right now, written the Catalan way.
    expect(textarea.value).toBe('Hola Laia! El teu carret fa 84,00\u00a0€.');
    expect(options()).toEqual([]);
    expect(onSend).not.toHaveBeenCalled();
    key('Enter');
    expect(onSend).toHaveBeenCalledWith('Hola Laia! El teu carret fa 84,00\u00a0€.', false, [], null);
  });

  it('moves with the arrows, closes on Esc, and selects a fill-in prompt for the agent to type over', () => {
    const { textarea, type, key, options } = setup(
      profile({ language: 'en-GB', identity: { customerId: null, name: null, email: null, verified: false } }),
    );
    type('Thanks! /');
    key('ArrowDown');
    expect(textarea.getAttribute('aria-activedescendant')).toBe('canned-picker-cnv_a-option-1');
    key('Escape');
    expect(options()).toEqual([]);
    expect(textarea.value).toBe('Thanks! /');
    type('Thanks! /tr');
    key('ArrowDown');
    key('ArrowUp');
    key('Enter');
    expect(textarea.value).toBe('Thanks! Hi there, your parcel is [tracking number] with Botiga Test.');
    expect(textarea.value.slice(textarea.selectionStart, textarea.selectionEnd)).toBe('[tracking number]');
  });

  it('puts several replies into one message', () => {
    const { textarea, type, key } = setup();
    type('/talla');
    key('Enter');
    type(`${textarea.value} /cart`);
    key('Tab');
    expect(textarea.value).toBe('La Hoodie M va petita. Hola Laia! El teu carret fa 84,00\u00a0€.');
  });

  it('asks for the cart total when the visitor has no cart, instead of sending a gap', () => {
    const { textarea, type, key } = setup(profile({ cart: null, language: 'en' }));
    type('/cart');
    key('Enter');
    expect(textarea.value).toBe('Your cart is [cart.total].');
    expect(textarea.value.slice(textarea.selectionStart, textarea.selectionEnd)).toBe('[cart.total]');
  });
});
