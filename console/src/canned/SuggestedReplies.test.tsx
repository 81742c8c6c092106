import type { CannedReply } from '@mostrador/shared';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer, type DraftStore } from '../components/Composer.tsx';
import { profile } from '../state/visitorFixtures.ts';
import { placeholderValues } from './placeholderValues.ts';

const tracking: CannedReply = {
  id: 'cnr_tracking',
  shortcut: 'tracking',
  title: 'Tracking',
  scope: 'shared',
  departmentId: null,
  bodies: { ca: '', es: '', en: 'Hi {{visitor.first_name|there}}, your parcel is {{ask:tracking number}}.' },
  updatedAt: 1,
};

function setup(suggested: CannedReply[], visitorSeq: number | null = 3) {
  const load = vi.fn(async () => ({ ok: true as const, data: { replies: suggested } }));
  const onUsed = vi.fn();
  const drafts: DraftStore = new Map();
  const values = placeholderValues({ phase: 'ready', profile: profile() }, { agentName: 'Pau', shopName: 'Botiga' }, 'en');
  const ui = (seq: number | null) => (
    <Composer
      conversationId="cnv_a"
      drafts={drafts}
      onSend={vi.fn()}
      canned={{ replies: [tracking], values, visitorLanguage: 'en', visitorSeq: seq, loadSuggestions: load, onUsed }}
    />
  );
  const view = render(ui(visitorSeq));
  const textarea = view.container.querySelector<HTMLTextAreaElement>('textarea')!;
  return { ...view, load, onUsed, textarea, rerenderAt: (seq: number) => view.rerender(ui(seq)) };
}

describe('suggested replies', () => {
  afterEach(cleanup);

  it('shows a button per suggestion; clicking inserts the filled reply, selects its prompt and records the use', async () => {
    const { container, load, onUsed, textarea } = setup([tracking]);
    const found = () => container.querySelector<HTMLButtonElement>('[data-part="canned-suggestions"] button');
    await waitFor(() => expect(found()).not.toBeNull());
    const button = found()!;
    expect(container.querySelector('[data-part="canned-suggestions"]')!.getAttribute('aria-label')).toBe('Suggested replies');
    expect(button.textContent).toBe('/tracking Tracking');
    expect(load).toHaveBeenCalledWith('cnv_a');
    fireEvent.click(button);
    expect(textarea.value).toBe('Hi Laia, your parcel is [tracking number].');
    expect(textarea.value.slice(textarea.selectionStart, textarea.selectionEnd)).toBe('[tracking number]');
    expect(onUsed).toHaveBeenCalledWith(tracking);
  });

  it('reloads when the visitor writes again, not when the agent types, and is hidden when there is nothing', async () => {
    const { container, load, textarea, rerenderAt } = setup([]);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    expect(container.querySelector('[data-part="canned-suggestions"]')).toBeNull();
    fireEvent.input(textarea, { target: { value: 'Typing away' } });
    expect(load).toHaveBeenCalledTimes(1);
    rerenderAt(5);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
  });

  it('asks nothing before the visitor has written', () => {
    const { container, load } = setup([tracking], null);
    expect(load).not.toHaveBeenCalled();
    expect(container.querySelector('[data-part="canned-suggestions"]')).toBeNull();
  });
});
