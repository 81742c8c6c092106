import type { AttachmentInfo, CannedReply, Result } from '@mostrador/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer, type DraftStore } from '../components/Composer.tsx';
import { profile } from '../state/visitorFixtures.ts';
import { typingInto } from './cannedFixtures.ts';
import { placeholderValues } from './placeholderValues.ts';

const picture: AttachmentInfo = { id: 'att_logo', name: 'logo.png', mime: 'image/png', type: 'image', size: 68 };
const copied: AttachmentInfo = { ...picture, id: 'att_copy' };
const withPicture: CannedReply = {
  id: 'cnr_logo',
  shortcut: 'logo',
  title: 'Our logo',
  scope: 'shared',
  departmentId: null,
  bodies: { ca: '', es: '', en: 'Here it is.' },
  picture,
  updatedAt: 1,
};
const plain: CannedReply = { ...withPicture, id: 'cnr_hi', shortcut: 'hi', title: 'Hello', picture: undefined };

function setup() {
  const onSend = vi.fn();
  const drafts: DraftStore = new Map();
  let settle: (result: Result<AttachmentInfo>) => void = () => undefined;
  const copyPicture = vi.fn(() => new Promise<Result<AttachmentInfo>>((resolve) => (settle = resolve)));
  const values = placeholderValues({ phase: 'ready', profile: profile() }, { agentName: 'Pau', shopName: 'Botiga' }, 'en');
  const view = render(
    <Composer
      conversationId="cnv_a"
      drafts={drafts}
      onSend={onSend}
      discard={vi.fn()}
      canned={{ replies: [withPicture, plain], values, visitorLanguage: 'en', copyPicture }}
    />,
  );
  const textarea = view.container.querySelector<HTMLTextAreaElement>('textarea')!;
  const type = typingInto(textarea);
  const pendingStates = () => [...view.container.querySelectorAll('.pending-file')].map((f) => f.getAttribute('data-state'));
  return { ...view, onSend, textarea, type, copyPicture, settle: (result: Result<AttachmentInfo>) => settle(result), pendingStates };
}

describe('a canned reply with a picture', () => {
  afterEach(cleanup);

  it('is marked in the picker, and inserting it adds a copy of the picture to the message’s files', async () => {
    const { textarea, type, copyPicture, settle, pendingStates, onSend } = setup();
    type('/');
    const marked = screen
      .getAllByRole('option')
      .map((o) => [o.textContent?.slice(0, 5), o.querySelector('[data-part="canned-picture"]') !== null]);
    expect(marked.sort()).toEqual([
      ['/hi H', false],
      ['/logo', true],
    ]);
    expect(screen.getByRole('option', { name: /Our logo with a picture/ })).toBeTruthy();

    type('/lo');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(textarea.value).toBe('Here it is.');
    expect(copyPicture).toHaveBeenCalledWith('cnr_logo');
    // While the copy runs the file shows as uploading, and the reply waits for it.
    expect(pendingStates()).toEqual(['uploading']);
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();

    settle({ ok: true, data: copied });
    await waitFor(() => expect(pendingStates()).toEqual(['ready']));
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Here it is.', false, [copied], null);
  });

  it('adds no file for a reply without one', () => {
    const { textarea, type, copyPicture, pendingStates } = setup();
    type('/hi');
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(copyPicture).not.toHaveBeenCalled();
    expect(pendingStates()).toEqual([]);
  });
});
