import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog.tsx';

function renderDialog() {
  const onCancel = vi.fn();
  const opener = document.createElement('button');
  document.body.append(opener);
  opener.focus();
  const view = render(
    <Dialog title="Rename" part="test-dialog" submitLabel="Save" canSubmit onSubmit={vi.fn()} onCancel={onCancel}>
      <input name="name" />
    </Dialog>,
  );
  const dialog = view.container.querySelector<HTMLElement>('[role="dialog"]')!;
  return { ...view, dialog, onCancel, opener };
}

describe('Dialog', () => {
  afterEach(() => {
    cleanup();
    document.body.replaceChildren();
  });

  it('focuses its first control, keeps Tab inside, and cancels on Escape', () => {
    const { dialog, onCancel } = renderDialog();
    const input = dialog.querySelector('input')!;
    const save = dialog.querySelector<HTMLElement>('button[data-part="confirm"]')!;
    expect(document.activeElement).toBe(input);

    save.focus();
    fireEvent.keyDown(save, { key: 'Tab' });
    expect(document.activeElement).toBe(input);
    fireEvent.keyDown(input, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(save);

    fireEvent.keyDown(save, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('enters a radio group at its checked choice, so an arrow moves on from it', () => {
    const view = render(
      <Dialog title="When" part="radio-dialog" submitLabel="Save" canSubmit onSubmit={vi.fn()} onCancel={vi.fn()}>
        <input type="radio" name="when" value="first" />
        <input type="radio" name="when" value="second" checked />
        <input type="radio" name="when" value="third" />
      </Dialog>,
    );
    expect((document.activeElement as HTMLInputElement).value).toBe('second');
    view.unmount();
  });

  it('hands focus back to what had it when it closes', () => {
    const { unmount, opener } = renderDialog();
    unmount();
    expect(document.activeElement).toBe(opener);
  });
});
