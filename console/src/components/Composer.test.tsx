import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer, type DraftStore } from './Composer.tsx';

function setup(conversationId = 'conv_a', drafts: DraftStore = new Map()) {
  const onSend = vi.fn();
  const view = render(<Composer conversationId={conversationId} drafts={drafts} onSend={onSend} />);
  const textarea = () => view.container.querySelector<HTMLTextAreaElement>('textarea[name="reply"]')!;
  const type = (value: string) => fireEvent.input(textarea(), { target: { value } });
  return { ...view, onSend, drafts, textarea, type };
}

describe('Composer', () => {
  afterEach(cleanup);

  it('sends on Enter and clears the box', () => {
    const { onSend, textarea, type } = setup();
    type('Hello there');
    fireEvent.keyDown(textarea(), { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Hello there', false, [], null);
    expect(textarea().value).toBe('');
  });

  it('marks one message "don’t email" when ticked, then clears the mark for the next', () => {
    const { onSend, textarea, type, container } = setup();
    const noEmail = () => container.querySelector<HTMLInputElement>('[data-part="no-email"] input')!;
    fireEvent.click(noEmail());
    expect(noEmail().checked).toBe(true);
    type('Only for the chat');
    fireEvent.keyDown(textarea(), { key: 'Enter' });
    expect(onSend).toHaveBeenLastCalledWith('Only for the chat', true, [], null);
    expect(noEmail().checked).toBe(false);
    type('This one may be emailed');
    fireEvent.keyDown(textarea(), { key: 'Enter' });
    expect(onSend).toHaveBeenLastCalledWith('This one may be emailed', false, [], null);
  });

  it('does not send on Shift+Enter', () => {
    const { onSend, textarea, type } = setup();
    type('First line');
    fireEvent.keyDown(textarea(), { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    expect(textarea().value).toBe('First line');
  });

  it('does not send a blank reply, by key or by button', () => {
    const { onSend, textarea, type, container } = setup();
    type('   \n  ');
    fireEvent.keyDown(textarea(), { key: 'Enter' });
    const send = container.querySelector<HTMLButtonElement>('button[data-part="send"]')!;
    expect(send.disabled).toBe(true);
    fireEvent.submit(send.form!);
    expect(onSend).not.toHaveBeenCalled();
  });

  it('keeps each conversation’s draft when switching between them', () => {
    const drafts: DraftStore = new Map();
    const onSend = vi.fn();
    const { container, rerender } = render(<Composer conversationId="conv_a" drafts={drafts} onSend={onSend} />);
    const textarea = () => container.querySelector<HTMLTextAreaElement>('textarea[name="reply"]')!;

    fireEvent.input(textarea(), { target: { value: 'Draft for A' } });
    rerender(<Composer conversationId="conv_b" drafts={drafts} onSend={onSend} />);
    expect(textarea().value).toBe('');
    fireEvent.input(textarea(), { target: { value: 'Draft for B' } });

    rerender(<Composer conversationId="conv_a" drafts={drafts} onSend={onSend} />);
    expect(textarea().value).toBe('Draft for A');
    rerender(<Composer conversationId="conv_b" drafts={drafts} onSend={onSend} />);
    expect(textarea().value).toBe('Draft for B');
  });

  it('shows a counter near the limit and refuses to send past it', () => {
    const { onSend, textarea, type, container } = setup();
    type('x'.repeat(4_900));
    expect(container.textContent).toContain('100 characters left');
    type('x'.repeat(5_001));
    expect(container.textContent).toContain('1 characters over the limit');
    fireEvent.keyDown(textarea(), { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
  });
});
