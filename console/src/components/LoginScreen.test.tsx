import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginScreen } from './LoginScreen.tsx';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function fillAndSubmit(container: Element) {
  fireEvent.input(container.querySelector('input[name="email"]')!, { target: { value: 'agent@shop.test' } });
  fireEvent.input(container.querySelector('input[name="password"]')!, { target: { value: 'wrong' } });
  fireEvent.click(container.querySelector('button[type="submit"]')!);
}

describe('LoginScreen', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows an alert and stays on the form when the server answers 401', async () => {
    const fetchStub = vi.fn(async () => jsonResponse(401, { error: { code: 'unauthorized', message: 'Bad credentials' } }));
    vi.stubGlobal('fetch', fetchStub);
    const onLoggedIn = vi.fn();
    const { container } = render(<LoginScreen sessionEnded={false} onLoggedIn={onLoggedIn} />);

    fillAndSubmit(container);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('That email and password do not match an agent.');
    expect(onLoggedIn).not.toHaveBeenCalled();
    const [url, init] = fetchStub.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/login');
    expect(JSON.parse(String(init.body))).toEqual({ email: 'agent@shop.test', password: 'wrong' });
  });

  it('hands the agent over on success', async () => {
    const agent = {
      id: 'agt_one',
      name: 'Núria',
      email: 'agent@shop.test',
      role: 'agent',
      site: { id: 'sit_one', name: 'Shop', key: 'key' },
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(200, { agent })),
    );
    const onLoggedIn = vi.fn();
    const { container } = render(<LoginScreen sessionEnded={false} onLoggedIn={onLoggedIn} />);

    fillAndSubmit(container);

    await waitFor(() => expect(onLoggedIn).toHaveBeenCalledWith(agent));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks for the code when the account has two-factor login, and signs in with it', async () => {
    const agent = { id: 'agt_one', name: 'Núria', email: 'agent@shop.test', role: 'agent' };
    const fetchStub = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, { secondStep: { challenge: 'chal-1' } }))
      .mockResolvedValueOnce(jsonResponse(401, { error: { code: 'unauthorized', message: 'Wrong or expired code' } }))
      .mockResolvedValueOnce(jsonResponse(200, { agent }));
    vi.stubGlobal('fetch', fetchStub);
    const onLoggedIn = vi.fn();
    const { container } = render(<LoginScreen sessionEnded={false} onLoggedIn={onLoggedIn} />);

    fillAndSubmit(container);

    const code = await screen.findByLabelText('Code');
    await waitFor(() => expect(document.activeElement).toBe(code));
    expect(screen.getByRole('heading').textContent).toBe('Two-step sign-in');
    expect(container.querySelector('input[name="password"]')).toBeNull();
    expect(onLoggedIn).not.toHaveBeenCalled();

    fireEvent.input(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That code is wrong or has expired.');

    fireEvent.input(code, { target: { value: ' abcde-fghjk ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(onLoggedIn).toHaveBeenCalledWith(agent));
    const [url, init] = fetchStub.mock.calls[2] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/login/second-step');
    expect(JSON.parse(String(init.body))).toEqual({ challenge: 'chal-1', code: 'abcde-fghjk' });
  });

  it('goes back to the password from the code step', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(200, { secondStep: { challenge: 'chal-2' } })),
    );
    const { container } = render(<LoginScreen sessionEnded={false} onLoggedIn={vi.fn()} />);
    fillAndSubmit(container);
    fireEvent.click(await screen.findByRole('button', { name: 'Start again' }));
    expect(container.querySelector('input[name="password"]')).not.toBeNull();
    expect(screen.queryByLabelText('Code')).toBeNull();
  });
});
