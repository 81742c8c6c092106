import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrivacyActions } from './PrivacyActions.tsx';

function stubErase(status: number) {
  const calls: Array<{ url: string; method: string | undefined; body: unknown }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(input), method: init?.method, body: JSON.parse(String(init?.body)) });
      return new Response(JSON.stringify(status === 200 ? { erased: {} } : { error: { code: 'not_found', message: 'x' } }), { status });
    }),
  );
  return calls;
}

describe('visitor privacy actions', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('downloads the export from a plain link', () => {
    const { container } = render(<PrivacyActions visitorId="vis_one" visitorLabel="Visitor 1" />);
    const link = container.querySelector<HTMLAnchorElement>('a[data-part="export-visitor"]')!;
    expect([link.getAttribute('href'), link.hasAttribute('download'), link.textContent]).toEqual([
      '/api/admin/privacy/visitor/vis_one/export',
      true,
      'Export data',
    ]);
  });

  it('erases only after the confirmation, with the confirmation field', async () => {
    const calls = stubErase(200);
    const { container } = render(<PrivacyActions visitorId="vis_one" visitorLabel="Visitor 1" />);
    fireEvent.click(container.querySelector('button[data-part="erase-visitor"]')!);
    const dialog = container.querySelector<HTMLElement>('[data-part="erase-dialog"]')!;
    expect(dialog.querySelector('h3')?.textContent).toBe('Erase Visitor 1 for good?');
    // Cancelling sends nothing.
    fireEvent.click(dialog.querySelector('button[data-part="cancel"]')!);
    expect(container.querySelector('[data-part="erase-dialog"]')).toBeNull();
    expect(calls).toEqual([]);

    fireEvent.click(container.querySelector('button[data-part="erase-visitor"]')!);
    fireEvent.submit(container.querySelector('[data-part="erase-dialog"] form')!);
    await waitFor(() => expect(container.querySelector('[data-part="visitor-erased"]')?.textContent).toBe('The visitor was erased.'));
    expect(calls).toEqual([{ url: '/api/admin/privacy/visitor/vis_one/erase', method: 'POST', body: { confirm: true } }]);
    expect(container.querySelector('[data-part="erase-visitor"]')).toBeNull();
  });

  it('says so when the server refuses, and keeps the buttons', async () => {
    stubErase(404);
    const { container } = render(<PrivacyActions visitorId="vis_gone" visitorLabel="Visitor 2" />);
    fireEvent.click(container.querySelector('button[data-part="erase-visitor"]')!);
    fireEvent.submit(container.querySelector('[data-part="erase-dialog"] form')!);
    await waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toBe('The visitor could not be erased. Try again.'));
    expect(container.querySelector('[data-part="erase-visitor"]')).not.toBeNull();
  });
});
