import type { AgentProfile, AgentSession } from '@mostrador/shared';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../admin/testApi.ts';
import { AccountScreen } from './AccountScreen.tsx';

const agent: AgentProfile = {
  id: 'agt_one',
  name: 'Núria',
  email: 'nuria@shop.test',
  role: 'agent',
  capacity: 3,
  departmentIds: [],
  site: { id: 'sit_one', name: 'Shop', key: 'key' },
};

const now = Date.now();
const laptop: AgentSession = {
  id: 'ses_laptop',
  device: { type: 'desktop', os: 'macOS', browser: 'Chrome 131' },
  createdAt: now - 3 * 3_600_000,
  lastSeenAt: now,
  current: true,
};
const phone: AgentSession = {
  id: 'ses_phone',
  device: { type: 'mobile', os: 'Android', browser: 'Firefox 133' },
  createdAt: now - 2 * 86_400_000,
  lastSeenAt: now - 5 * 60_000,
  current: false,
};
const tablet: AgentSession = { ...phone, id: 'ses_tablet', device: { type: 'tablet', os: 'iOS', browser: null } };

const off = { 'GET /api/account/two-factor': [200, { enabled: false, recoveryCodesLeft: 0 }] } as const;

function fill(container: Element, name: string, value: string) {
  fireEvent.input(container.querySelector(`input[name="${name}"]`)!, { target: { value } });
}

const section = (part: string) => document.querySelector<HTMLElement>(`[data-part="${part}"]`)!;

describe('AccountScreen', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists the sessions by device, marks this one, and signs another out', async () => {
    const api = stubApi({
      ...off,
      'GET /api/account/sessions': [200, { sessions: [laptop, phone, tablet] }],
      'DELETE /api/account/sessions/ses_phone': [204, null],
      'POST /api/account/sessions/end-others': [200, { ended: 1 }],
    });
    render(<AccountScreen agent={agent} onLogout={vi.fn()} />);

    const list = await screen.findByRole('list', { name: 'Your sessions' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('strong')!.textContent)).toEqual([
      'Computer · Chrome 131 on macOS',
      'Phone · Firefox 133 on Android',
      'Tablet · iOS',
    ]);
    expect(items[0]!.textContent).toContain('This device');
    // No sign-out button for the session in use: that is the header's Log out.
    expect(within(items[0]!).queryByRole('button')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Sign out Phone · Firefox 133 on Android' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(api.writes()).toEqual([{ method: 'DELETE', path: '/api/account/sessions/ses_phone', body: undefined }]);
    expect(within(section('account-sessions')).getByRole('status').textContent).toBe('That session was signed out.');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Where you are signed in' }));

    fireEvent.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(within(section('account-sessions')).getByRole('status').textContent).toBe('Signed out of 1 other sessions.');
    expect(screen.queryByRole('button', { name: 'Sign out everywhere else' })).toBeNull();
  });

  it('changes the password, says a wrong current one, and reads the sessions again', async () => {
    let sessionReads = 0;
    const api = stubApi({
      ...off,
      'GET /api/account/sessions': () => {
        sessionReads += 1;
        return [200, { sessions: sessionReads === 1 ? [laptop, phone] : [laptop] }];
      },
      'PUT /api/account/password': (body) =>
        (body as { currentPassword: string }).currentPassword === 'old passphrase'
          ? [200, { ended: 1 }]
          : [403, { error: { code: 'forbidden', message: 'Wrong password' } }],
    });
    render(<AccountScreen agent={agent} onLogout={vi.fn()} />);
    await screen.findByRole('list', { name: 'Your sessions' });
    const form = section('account-password').querySelector('form')!;

    fill(form, 'currentPassword', 'old passphrase');
    fill(form, 'newPassword', 'short');
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toBe('The new password needs at least 8 characters.');
    expect(api.writes()).toEqual([]);

    fill(form, 'currentPassword', 'not it');
    fill(form, 'newPassword', 'a new passphrase');
    fireEvent.submit(form);
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toBe('The current password is wrong.'));

    fill(form, 'currentPassword', 'old passphrase');
    fireEvent.submit(form);
    await waitFor(() =>
      expect(within(section('account-password')).getByRole('status').textContent).toBe('Password changed. Signed out of 1 other sessions.'),
    );
    expect(api.writes().at(-1)).toEqual({
      method: 'PUT',
      path: '/api/account/password',
      body: { currentPassword: 'old passphrase', newPassword: 'a new passphrase' },
    });
    await waitFor(() => expect(within(section('account-sessions')).getAllByRole('listitem')).toHaveLength(1));
    expect((form.querySelector('input[name="currentPassword"]') as HTMLInputElement).value).toBe('');
  });

  it('turns two-step sign-in on with a code, shows the recovery codes once, and off with the password', async () => {
    let enabled = false;
    const codes = Array.from({ length: 10 }, (_, i) => `abcd${i}-efgh${i}`);
    const api = stubApi({
      'GET /api/account/sessions': [200, { sessions: [laptop] }],
      'GET /api/account/two-factor': () => [200, { enabled, recoveryCodesLeft: enabled ? 10 : 0 }],
      'POST /api/account/two-factor/enrolment': [
        200,
        { secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/Mostrador:nuria%40shop.test?secret=JBSWY3DPEHPK3PXP' },
      ],
      'POST /api/account/two-factor/confirm': (body) => {
        if ((body as { code: string }).code !== '123456') {
          return [400, { error: { code: 'invalid_payload', message: 'Wrong code' } }];
        }
        enabled = true;
        return [200, { recoveryCodes: codes }];
      },
      'POST /api/account/two-factor/disable': (body) => {
        if ((body as { password: string }).password !== 'my passphrase') {
          return [403, { error: { code: 'forbidden', message: 'Wrong password' } }];
        }
        enabled = false;
        return [204, null];
      },
    });
    render(<AccountScreen agent={agent} onLogout={vi.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Turn on' }));

    const qr = await screen.findByRole('img', { name: 'QR code for your authenticator app' });
    expect(qr.querySelector('path')!.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(section('two-factor-enrol').textContent).toContain('JBSWY3DPEHPK3PXP');
    const form = section('two-factor-enrol') as HTMLFormElement;
    expect(document.activeElement).toBe(form.querySelector('input[name="code"]'));

    fill(form, 'code', '654321');
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toContain('That code is wrong.');
    fill(form, 'code', '123 456');
    fireEvent.submit(form);

    const heading = await screen.findByRole('heading', { name: 'Your recovery codes' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect([...section('recovery-codes').querySelectorAll('li')].map((li) => li.textContent)).toEqual(codes);
    fireEvent.click(screen.getByRole('button', { name: 'I have saved them' }));
    await screen.findByText(/Recovery codes left: 10\./);
    expect(document.body.textContent).not.toContain(codes[0]!);

    const offForm = section('two-factor-off') as HTMLFormElement;
    fill(offForm, 'password', 'wrong');
    fireEvent.submit(offForm);
    expect((await within(offForm).findByRole('alert')).textContent).toBe('The current password is wrong.');
    fill(offForm, 'password', 'my passphrase');
    fireEvent.submit(offForm);
    await screen.findByRole('button', { name: 'Turn on' });
    expect(within(section('account-two-factor')).getByRole('status').textContent).toBe('Two-step sign-in is off.');
    expect(api.writes().map((w) => w.path)).toEqual([
      '/api/account/two-factor/enrolment',
      '/api/account/two-factor/confirm',
      '/api/account/two-factor/confirm',
      '/api/account/two-factor/disable',
      '/api/account/two-factor/disable',
    ]);
  });
});
