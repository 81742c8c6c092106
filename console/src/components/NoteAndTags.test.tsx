import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mentionedIn } from '../state/toolboxActions.ts';
import { Composer, type DraftStore } from './Composer.tsx';
import { TagEditor } from './TagEditor.tsx';
import { summary } from '../state/testFixtures.ts';
import { renderInbox } from './testInbox.tsx';

describe('private notes in the composer', () => {
  afterEach(cleanup);

  it('in note mode, sends a note instead of a message and never reports the draft as typing', async () => {
    const onSend = vi.fn();
    const onNote = vi.fn(async () => null);
    const onDraftChange = vi.fn();
    const drafts: DraftStore = new Map();
    const { container } = render(
      <Composer conversationId="cnv_a" drafts={drafts} onSend={onSend} onNote={onNote} onDraftChange={onDraftChange} />,
    );
    const toggle = container.querySelector<HTMLButtonElement>('[data-part="note-toggle"]')!;
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelector('form')!.dataset.mode).toBe('note');
    const textarea = container.querySelector('textarea')!;
    fireEvent.input(textarea, { target: { value: 'VIP: refund approved' } });
    expect(onDraftChange).toHaveBeenLastCalledWith('');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(onNote).toHaveBeenCalledWith('VIP: refund approved');
    expect(onSend).not.toHaveBeenCalled();
    expect(textarea.value).toBe('');
  });

  it('keeps the text and says why when the note is refused', async () => {
    const onNote = vi.fn(async () => 'No such conversation');
    const { container } = render(<Composer conversationId="cnv_a" drafts={new Map()} onSend={vi.fn()} onNote={onNote} />);
    fireEvent.click(container.querySelector('[data-part="note-toggle"]')!);
    const textarea = container.querySelector('textarea')!;
    fireEvent.input(textarea, { target: { value: 'lost?' } });
    fireEvent.keyDown(textarea, { key: 'Enter' });
    await waitFor(() =>
      expect(container.querySelector('[role="alert"]')!.textContent).toBe('The note was not saved: No such conversation'),
    );
    expect(textarea.value).toBe('lost?');
  });
});

describe('mentionedIn', () => {
  it('finds each @Full Name of the team, the longest name first', () => {
    const team = [
      { id: 'agt_anna', name: 'Anna' },
      { id: 'agt_annap', name: 'Anna Puig' },
      { id: 'agt_pau', name: 'Pau' },
    ];
    expect(mentionedIn('@anna puig can you look? cc @Pau', team).sort()).toEqual(['agt_annap', 'agt_pau']);
    expect(mentionedIn('ask Anna, not @nobody', team)).toEqual([]);
  });
});

describe('TagEditor', () => {
  afterEach(cleanup);

  it('adds a typed tag, suggests known ones, and removes one with its button', async () => {
    const onChange = vi.fn(async () => null);
    const { container, getByLabelText } = render(<TagEditor tags={['vip']} known={['vip', 'devolució']} onChange={onChange} />);
    expect([...container.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(['devolució']);
    const input = container.querySelector<HTMLInputElement>('input[name="tag"]')!;
    fireEvent.input(input, { target: { value: ' Devolució ' } });
    fireEvent.submit(input.form!);
    expect(onChange).toHaveBeenCalledWith({ add: ['devolució'] });
    fireEvent.click(getByLabelText('Remove tag vip'));
    expect(onChange).toHaveBeenLastCalledWith({ remove: ['vip'] });
  });
});

describe('a conversation’s tags', () => {
  afterEach(cleanup);

  it('are shown once in an open pane: in the tag editor, not again in the header', async () => {
    const { openRow, pane } = await renderInbox([summary({ id: 'c1', visitorLabel: 'One', tags: ['vip', 'returns'] })], {});
    await openRow('c1');
    const chips = [...pane('c1')!.querySelectorAll('[data-part="tag"]')].map((chip) => chip.textContent?.replace('×', ''));
    expect(chips).toEqual(['vip', 'returns']);
    expect(pane('c1')!.querySelector('.conversation-header [data-part="tags"]')).toBeNull();
  });
});
