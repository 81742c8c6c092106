import type { CannedReply } from '@mostrador/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer, type DraftStore } from '../components/Composer.tsx';
import { profile } from '../state/visitorFixtures.ts';
import { backpack, replyWithProduct, typingInto } from './cannedFixtures.ts';
import { placeholderValues } from './placeholderValues.ts';

const withProduct = replyWithProduct();
const plain = replyWithProduct({ id: 'cnr_hi', shortcut: 'hi', title: 'Hello', productUrl: undefined, product: undefined });
/** A reply whose product the shop's catalogue has since let go: nothing to attach. */
const gone: CannedReply = { ...withProduct, id: 'cnr_old', shortcut: 'old', title: 'Old bag', product: undefined };

function setup() {
  const onSend = vi.fn();
  const onNote = vi.fn(async () => null);
  const drafts: DraftStore = new Map();
  const values = placeholderValues({ phase: 'ready', profile: profile() }, { agentName: 'Pau', shopName: 'Botiga' }, 'en');
  const loadSuggestions = vi.fn(async () => ({ ok: true as const, data: { replies: [withProduct, plain] } }));
  const view = render(
    <Composer
      conversationId="cnv_a"
      drafts={drafts}
      onSend={onSend}
      onNote={onNote}
      discard={vi.fn()}
      canned={{ replies: [withProduct, plain, gone], values, visitorLanguage: 'en', visitorSeq: 3, loadSuggestions }}
    />,
  );
  const textarea = view.container.querySelector<HTMLTextAreaElement>('textarea')!;
  const type = typingInto(textarea);
  const chip = () => view.container.querySelector('[data-part="pending-product"]');
  return { ...view, onSend, onNote, textarea, type, chip };
}

describe('a canned reply with a product', () => {
  afterEach(cleanup);

  it('is marked in the picker and the suggestions, for screen readers too', async () => {
    const { container, type } = setup();
    type('/');
    const marked = screen
      .getAllByRole('option')
      .map((o) => [o.querySelector('.canned-shortcut')?.textContent, o.querySelector('[data-part="canned-product"]') !== null]);
    expect(marked).toEqual([
      ['/bag', true],
      ['/hi', false],
      ['/old', false],
    ]);
    expect(screen.getByRole('option', { name: /The backpack with a product/ })).toBeTruthy();
    await waitFor(() => expect(container.querySelectorAll('[data-part="canned-suggestions"] button')).toHaveLength(2));
    expect(screen.getByRole('button', { name: '/bag The backpack with a product' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '/hi Hello' })).toBeTruthy();
  });

  it('attaches its product card when inserted with /, as if the agent had picked it, and the reply goes with it', () => {
    const { textarea, type, chip, onSend } = setup();
    type('/ba');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(textarea.value).toBe('Here it is.');
    expect(chip()?.textContent).toContain('Product card to send: Motxilla de lona');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Here it is.', false, [], backpack);
    // It went with that reply: the next one carries no card.
    expect(chip()).toBeNull();
  });

  it('attaches it from a suggested reply too; a reply without one, or whose product is gone, attaches none', async () => {
    const { textarea, type, chip, onSend } = setup();
    type('/old');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(chip()).toBeNull();
    type('/hi');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(chip()).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: '/bag The backpack with a product' }));
    expect(chip()?.textContent).toContain('Motxilla de lona');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith(expect.stringContaining('Here it is.'), false, [], backpack);
  });

  it('never gives a note the card', async () => {
    const { container, textarea, type, chip, onNote, onSend } = setup();
    fireEvent.click(container.querySelector('[data-part="note-toggle"]')!);
    type('/ba');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(textarea.value).toBe('Here it is.');
    expect(chip()).toBeNull();
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await waitFor(() => expect(onNote).toHaveBeenCalledWith('Here it is.'));
    // Back to replying: the note's reply left no card waiting.
    fireEvent.click(container.querySelector('[data-part="note-toggle"]')!);
    expect(chip()).toBeNull();
    expect(onSend).not.toHaveBeenCalled();
  });
});
