import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../admin/testApi.ts';
import { PictureSection } from './PictureSection.tsx';

const PICTURE = '/avatars/AAAAAAAAAAAAAAAAAAAAAA';
const choose = (file: File) => fireEvent.change(screen.getByLabelText(/Choose/), { target: { files: [file] } });
const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'me.png', { type: 'image/png' });

describe('PictureSection', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('sends the chosen file as the body, shows the picture beside the name, and removes it', async () => {
    const api = stubApi({
      'PUT /api/account/picture': [200, { picture: PICTURE }],
      'DELETE /api/account/picture': [200, { picture: null }],
    });
    const changed = vi.fn();
    const { container } = render(<PictureSection name="Núria Puig" picture={null} path="/api/account/picture" onChanged={changed} />);
    expect(container.querySelector('.agent-face')!.textContent).toBe('NP');
    expect(screen.getByRole('heading', { name: 'Your picture' })).toBeTruthy();

    choose(png());
    await screen.findByText('Picture saved.');
    const img = container.querySelector<HTMLImageElement>('img.agent-face')!;
    expect(img.getAttribute('src')).toBe(PICTURE);
    expect(img.getAttribute('alt')).toBe('');
    expect(api.writes()).toEqual([{ method: 'PUT', path: '/api/account/picture', body: undefined }]);
    expect(changed).toHaveBeenLastCalledWith(PICTURE);

    // Keyboard: the remove button is a real button, reached with Tab.
    const remove = screen.getByRole('button', { name: 'Remove picture' });
    remove.focus();
    fireEvent.click(remove);
    await screen.findByText('Picture removed.');
    expect(container.querySelector('img')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove picture' })).toBeNull();
    expect(changed).toHaveBeenLastCalledWith(null);
  });

  it('says why the server refused a file, and keeps the picture there was', async () => {
    stubApi({ 'PUT /api/admin/agents/agt_1/picture': [415, { error: { code: 'image_type_refused', message: 'no' } }] });
    const { container } = render(
      <PictureSection
        name="Jordi"
        picture={PICTURE}
        path="/api/admin/agents/agt_1/picture"
        heading={{ key: 'account.pictureOfAgent', name: 'Jordi' }}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Jordi’s picture' })).toBeTruthy();
    choose(new File(['<html></html>'], 'evil.png', { type: 'image/png' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That file is not a PNG, JPEG or WebP image.');
    await waitFor(() => expect(container.querySelector('img')!.getAttribute('src')).toBe(PICTURE));
  });

  it('falls back to initials when the picture does not load', async () => {
    const { container } = render(<PictureSection name="Jordi" picture={PICTURE} path="/api/account/picture" />);
    fireEvent.error(container.querySelector('img')!);
    await waitFor(() => expect(container.querySelector('.agent-face')!.textContent).toBe('J'));
  });
});
