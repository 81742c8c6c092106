import { DEFAULT_BRANDING } from '@mostrador/shared/branding';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agentSummary, findIn, stubApi } from '../testApi.ts';
import { BrandingPage } from './BrandingPage.tsx';

const site = {
  name: 'Botiga',
  key: 'k',
  allowedOrigins: [],
  departmentChoice: false,
  typingPreview: true,
  identityEnforced: false,
  identitySecret: 's',
};

function stub(put: Parameters<typeof stubApi>[0][string] = (body) => [200, { look: body, replySeconds: 150 }]) {
  return stubApi({
    'GET /api/admin/site/branding': [200, { look: DEFAULT_BRANDING, replySeconds: 150 }],
    'GET /api/admin/site': [200, site],
    'GET /api/admin/agents': [
      200,
      {
        agents: [agentSummary({ name: 'Núria Vidal', status: 'online' }), agentSummary({ id: 'agt_pau', name: 'Pau', status: 'offline' })],
      },
    ],
    'PUT /api/admin/site/branding': put,
  });
}

const $ = <E extends Element = HTMLElement>(container: Element, selector: string) => container.querySelector<E>(selector)!;
const type = (input: Element, value: string) => fireEvent.input(input, { target: { value } });

describe('BrandingPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('redraws the preview as the admin edits: colours, side, offsets, launcher, words and theme', async () => {
    stub();
    const { container } = render(<BrandingPage />);
    const form = await findIn(container, 'form[data-part="branding-form"]');
    const preview = $(container, '[data-part="branding-preview"]');
    const widget = $(preview, '.preview-widget');
    expect($(preview, '[data-part="preview-title"]').textContent).toBe('Botiga');
    expect(preview.querySelector('[role="img"]')!.getAttribute('aria-label')).toBe('Online now: Núria');
    expect(preview.textContent).toContain('We usually reply in about 3 min');

    type($(form, 'input[name="color"]'), '#0b5d3b');
    fireEvent.click(screen.getByRole('radio', { name: 'Bottom left' }));
    type($(form, 'input[name="offsetX"]'), '40');
    fireEvent.click(screen.getByRole('radio', { name: 'Button with words beside the icon' }));
    type($(form, 'input[name="title-en"]'), 'Talk to Botiga');
    type($(form, 'textarea[name="greeting-en"]'), 'Ask about sizes');
    fireEvent.click(screen.getByRole('radio', { name: 'Always dark' }));

    expect(widget.style.getPropertyValue('--accent')).toBe('#0b5d3b');
    expect(widget.style.getPropertyValue('--x')).toBe('40px');
    expect($(preview, '.preview-page').dataset).toMatchObject({ side: 'left', dark: 'true' });
    expect($(preview, '[data-part="preview-launcher"]').textContent).toBe('Open chat');
    expect($(preview, '[data-part="preview-title"]').textContent).toBe('Talk to Botiga');
    expect($(preview, '[data-part="preview-greeting"]').textContent).toBe('Ask about sizes');
    expect($(form, '[data-part="contrast"]').dataset.legible).toBe('true');
  });

  it('says as the admin types that white on a light colour is illegible, sends nothing, and offers dark text', async () => {
    const api = stub();
    const { container } = render(<BrandingPage />);
    const form = await findIn(container, 'form[data-part="branding-form"]');

    type($(form, 'input[name="color"]'), '#777777');
    const contrast = $(form, '[data-part="contrast"]');
    expect(contrast.textContent).toBe(
      'Contrast 4.47:1: too low to read. Text on the brand colour needs at least 4.5:1, so this cannot be saved.',
    );
    expect($(form, 'input[name="textColor"]').getAttribute('aria-invalid')).toBe('true');
    fireEvent.submit(form);
    expect(api.writes()).toEqual([]);

    type($(form, 'input[name="color"]'), '#767676');
    expect(contrast.textContent).toBe('Contrast 4.54:1: easy to read (at least 4.5:1 is needed).');

    type($(form, 'input[name="color"]'), '#ffd400');
    fireEvent.click(screen.getByRole('button', { name: 'Use #111111 for the text' }));
    expect($<HTMLInputElement>(form, 'input[name="textColor"]').value).toBe('#111111');
    fireEvent.submit(form);
    await screen.findByText('Branding saved.');
    expect(api.writes()).toEqual([
      { method: 'PUT', path: '/api/admin/site/branding', body: { ...DEFAULT_BRANDING, color: '#ffd400', textColor: '#111111' } },
    ]);
  });

  it('shows the server’s refusal and keeps the edits', async () => {
    stub(() => [400, { error: { code: 'invalid_payload', message: 'textColor: illegible_text' } }]);
    const { container } = render(<BrandingPage />);
    const form = await findIn(container, 'form[data-part="branding-form"]');
    type($(form, 'input[name="title-ca"]'), 'Parlem');
    fireEvent.submit(form);
    expect((await screen.findByRole('alert')).textContent).toBe('textColor: illegible_text');
    expect($<HTMLInputElement>(form, 'input[name="title-ca"]').value).toBe('Parlem');
  });

  it('says the widget stays quiet about reply times when there is no data', async () => {
    stubApi({
      'GET /api/admin/site/branding': [200, { look: DEFAULT_BRANDING, replySeconds: null }],
      'GET /api/admin/site': [200, site],
      'GET /api/admin/agents': [200, { agents: [] }],
    });
    const { container } = render(<BrandingPage />);
    await findIn(container, 'form[data-part="branding-form"]');
    expect($(container, '[data-part="reply-time"]').textContent).toContain('Too few chats');
    expect($(container, '[data-part="branding-preview"]').querySelector('.preview-team')).toBeNull();
  });

  it('asks for the pill’s words per language only for the labelled launcher, previews them, and saves them with the sound', async () => {
    const api = stub();
    const { container } = render(<BrandingPage />);
    const form = await findIn(container, 'form[data-part="branding-form"]');
    expect(form.querySelector('input[name="launcherText-en"]')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Button with words beside the icon' }));
    const english = screen.getByRole('textbox', { name: 'Words on the button (English)' });
    expect(english.getAttribute('maxLength')).toBe('30');
    const launcher = $(container, '[data-part="preview-launcher"]');
    expect(launcher.textContent).toBe('Open chat');
    type(english, 'Need a hand?');
    type(screen.getByRole('textbox', { name: 'Words on the button (català)' }), 'Parlem?');
    expect(launcher.textContent).toBe('Need a hand?');

    const sound = screen.getByRole('checkbox', { name: 'Play a short sound when an agent’s message arrives' }) as HTMLInputElement;
    expect(sound.checked).toBe(false);
    fireEvent.click(sound);
    fireEvent.submit(form);
    await screen.findByText('Branding saved.');
    expect(api.writes()).toEqual([
      {
        method: 'PUT',
        path: '/api/admin/site/branding',
        body: { ...DEFAULT_BRANDING, launcher: 'labelled', launcherText: { ca: 'Parlem?', es: '', en: 'Need a hand?' }, sound: true },
      },
    ]);
  });
});
