import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findIn, sales, stubApi, support } from '../testApi.ts';
import { HoursPage } from './HoursPage.tsx';

const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));

describe('HoursPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('turns "always open" into weekday hours, edits them, and saves the whole schedule with a department’s own', async () => {
    const api = stubApi({
      'GET /api/admin/hours': [200, { site: null, departments: [] }],
      'GET /api/admin/departments': [200, { departments: [sales, support] }],
      'PUT /api/admin/hours': (body) => [200, body],
    });
    const { container } = render(<HoursPage />);
    const form = await findIn(container, 'form[data-part="hours-form"]');
    expect(form.querySelector('[data-part="schedule-editor"]')).toBeNull();

    fireEvent.click(form.querySelector('input[name="alwaysOpen"]')!);
    const zone = await findIn<HTMLInputElement>(form, 'input[name="timeZone"]');
    fireEvent.change(zone, { target: { value: 'Europe/Madrid' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add hours on Saturday' }));
    fireEvent.change(screen.getByLabelText('Saturday · Closes'), { target: { value: '14:00' } });
    const holidays = form.querySelector<HTMLTextAreaElement>('textarea[name="holidays"]')!;
    fireEvent.input(holidays, { target: { value: '2026-12-25\nnot a date\n2026-01-06' } });
    fireEvent.change(holidays);
    fireEvent.click(screen.getByRole('button', { name: 'Give Sales its own hours' }));
    fireEvent.submit(form);

    await screen.findByText('Business hours saved.');
    const site = {
      timeZone: 'Europe/Madrid',
      weekly: [...weekdays, { day: 6, from: '09:00', to: '14:00' }],
      holidays: ['2026-01-06', '2026-12-25'],
      closures: [],
    };
    expect(api.writes()).toEqual([
      { method: 'PUT', path: '/api/admin/hours', body: { site, departments: [{ departmentId: 'dep_sales', hours: site }] } },
    ]);
    // Sales has its own hours now: only Support is left to offer.
    expect(screen.queryByRole('button', { name: 'Give Sales its own hours' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Give Support its own hours' })).toBeTruthy();
  });

  it('shows the server’s refusal and keeps the edits', async () => {
    stubApi({
      'GET /api/admin/hours': [200, { site: { timeZone: 'Europe/Madrid', weekly: weekdays, holidays: [], closures: [] }, departments: [] }],
      'GET /api/admin/departments': [200, { departments: [] }],
      'PUT /api/admin/hours': [400, { error: { code: 'invalid_payload', message: 'Unknown time zone' } }],
    });
    const { container } = render(<HoursPage />);
    const zone = await findIn<HTMLInputElement>(container, 'input[name="timeZone"]');
    fireEvent.change(zone, { target: { value: 'Mars/Olympus' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove 09:00–18:00 on Monday' }));
    fireEvent.submit(container.querySelector('form[data-part="hours-form"]')!);

    await screen.findByRole('alert');
    expect(screen.queryByText('Business hours saved.')).toBeNull();
    expect(container.querySelector<HTMLInputElement>('input[name="timeZone"]')!.value).toBe('Mars/Olympus');
    expect(container.querySelectorAll('[data-day="1"] [data-part="span"]')).toHaveLength(0);
  });
});
