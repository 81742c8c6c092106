import type { TriggerRule } from '@mostrador/shared';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { agentSummary, sales, support, stubApi } from '../testApi.ts';
import { triggerRule } from './testTriggers.ts';
import { TriggerEditor } from './TriggerEditor.tsx';
import { loadRegexCheck } from './regexCheck.ts';

// The server's engine, as the triggers page loads it.
beforeAll(loadRegexCheck);

const agents = [agentSummary(), agentSummary({ id: 'agt_pau', name: 'Pau', role: 'agent' })];

function renderEditor(rule: TriggerRule | null = null) {
  const onSaved = vi.fn();
  const view = render(
    <TriggerEditor
      rule={rule}
      agents={agents}
      departments={[sales, support]}
      siteName="Botiga Vella"
      onSaved={onSaved}
      onCancel={vi.fn()}
    />,
  );
  return { ...view, onSaved };
}

function addCondition(container: Element, type: string): HTMLElement {
  fireEvent.change(container.querySelector('select[name="conditionType"]')!, { target: { value: type } });
  fireEvent.click(container.querySelector('[data-part="add-condition"]')!);
  const rows = container.querySelectorAll<HTMLElement>('[data-part="condition"]');
  return rows[rows.length - 1]!;
}

function type(scope: Element, name: string, value: string) {
  fireEvent.input(scope.querySelector(`[name="${name}"]`)!, { target: { value } });
}

describe('TriggerEditor', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('builds a valid rule from several conditions and creates it', async () => {
    const created = triggerRule({ id: 'trg_new', name: 'Cart rescue' });
    const api = stubApi({ 'POST /api/admin/triggers': [201, { trigger: created }] });
    const { container, onSaved } = renderEditor();

    type(container, 'name', 'Cart rescue');
    const cart = addCondition(container, 'cart_value');
    expect(document.activeElement).toBe(cart.querySelector('select[name="op"]'));
    type(cart, 'amount', '100');
    const time = addCondition(container, 'time_on_page');
    type(time, 'seconds', '45');
    const url = addCondition(container, 'url');
    type(url, 'pattern', '/checkout/*');
    fireEvent.click(url.querySelector('input[name="negate"]')!);
    const hours = addCondition(container, 'business_hours');
    type(hours, 'timeZone', 'Europe/Madrid');
    fireEvent.click(hours.querySelector('input[name="days"][value="6"]')!);

    fireEvent.click(screen.getByRole('radio', { name: /Open the chat panel/ }));
    type(container, 'message', 'Free shipping over €100. Can I help?');
    fireEvent.change(container.querySelector('select[name="agentId"]')!, { target: { value: 'agt_pau' } });
    fireEvent.change(container.querySelector('select[name="departmentId"]')!, { target: { value: 'dep_sales' } });
    type(container, 'tags', 'cart, vip');
    fireEvent.click(screen.getByRole('radio', { name: /At most every few hours/ }));
    type(container, 'hours', '12');

    expect(container.querySelector('[data-part="editor-summary"]')!.textContent!.replace(/\u00a0/g, ' ')).toBe(
      'When cart value ≥ €100, time on page ≥ 45 s, the page address does not match “/checkout/*”, and within business hours (Mon–Sat, 09:00–18:00, Europe/Madrid), at most once every 12 h',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create trigger' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(created));
    expect(api.writes()).toEqual([
      {
        method: 'POST',
        path: '/api/admin/triggers',
        body: {
          name: 'Cart rescue',
          enabled: true,
          conditions: [
            { type: 'cart_value', negate: false, op: 'gte', amount: 100, currency: 'EUR' },
            { type: 'time_on_page', negate: false, seconds: 45 },
            { type: 'url', negate: true, match: 'glob', pattern: '/checkout/*' },
            { type: 'business_hours', negate: false, timeZone: 'Europe/Madrid', days: [1, 2, 3, 4, 5, 6], from: '09:00', to: '18:00' },
          ],
          action: {
            kind: 'open',
            message: 'Free shipping over €100. Can I help?',
            agentId: 'agt_pau',
            departmentId: 'dep_sales',
            tags: ['cart', 'vip'],
          },
          frequency: { kind: 'every_hours', hours: 12 },
        },
      },
    ]);
  });

  it('flags a broken regular expression as it is typed, and clears it once fixed', () => {
    const { container } = renderEditor();
    const referrer = addCondition(container, 'referrer');
    fireEvent.change(referrer.querySelector('select[name="match"]')!, { target: { value: 'regex' } });

    type(referrer, 'pattern', '(google|bing');
    const pattern = referrer.querySelector<HTMLInputElement>('input[name="pattern"]')!;
    expect(pattern.getAttribute('aria-invalid')).toBe('true');
    const error = referrer.querySelector('[data-part="field-error"]')!;
    expect(error.textContent).toBe('This is not a valid regular expression: missing closing ): `(google|bing`.');
    expect(pattern.getAttribute('aria-describedby')).toContain(error.id);

    type(referrer, 'pattern', '(google|bing)\\.');
    expect(pattern.getAttribute('aria-invalid')).toBe('false');
    expect(error.textContent).toBe('');
  });

  it('refuses to save with fields to fix, saying which, and focuses the first', async () => {
    const api = stubApi({});
    const { container } = renderEditor();
    const seconds = addCondition(container, 'idle');
    type(seconds, 'seconds', '-5');

    fireEvent.click(screen.getByRole('button', { name: 'Create trigger' }));

    expect(screen.getByRole('alert').textContent).toBe('Some fields need fixing before the rule can be saved. They are marked below.');
    const name = container.querySelector<HTMLInputElement>('input[name="name"]')!;
    expect(name.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(within(seconds).getByText('Enter a whole number from 0 to 86400.')).toBeTruthy();
    expect(within(container.querySelector<HTMLElement>('[data-part="action"]')!).getByText('Fill this in.')).toBeTruthy();
    expect(api.writes()).toEqual([]);
  });

  it('removes a condition and hands focus to the one after it', async () => {
    const { container } = renderEditor();
    addCondition(container, 'exit_intent');
    const second = addCondition(container, 'returning_visitor');
    const first = container.querySelector<HTMLElement>('[data-part="condition"]')!;

    fireEvent.click(within(first).getByRole('button', { name: 'Remove condition: Exit intent' }));

    expect([...container.querySelectorAll('[data-part="condition"]')].map((row) => row.getAttribute('data-type'))).toEqual([
      'returning_visitor',
    ]);
    await waitFor(() => expect(document.activeElement).toBe(second.querySelector('input[name="negate"]')));
  });

  it('previews a teaser as the shop, then the open panel as the chosen agent, always as text', () => {
    const { container } = renderEditor();
    const preview = () => container.querySelector<HTMLElement>('[data-part="trigger-preview"]')!;
    type(container, 'message', '<b>Hola!</b>\nNeed help?');

    expect(preview().querySelector('[data-part="preview-teaser"]')).not.toBeNull();
    expect(preview().querySelector('[data-part="preview-sender"]')!.textContent).toBe('Botiga Vella');
    const body = preview().querySelector('[data-part="preview-message"]')!;
    expect(body.textContent).toBe('<b>Hola!</b>\nNeed help?');
    expect(body.querySelector('b')).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: /Open the chat panel/ }));
    fireEvent.change(container.querySelector('select[name="agentId"]')!, { target: { value: 'agt_nuria' } });
    expect(preview().querySelector('[data-part="preview-panel"]')).not.toBeNull();
    expect(preview().querySelector('[data-part="preview-title"]')!.textContent).toBe('Botiga Vella');
    expect(preview().querySelector('[data-part="preview-sender"]')!.textContent).toBe('Núria');
    expect(screen.getByRole('figure', { name: 'Preview: the chat panel, opened with the message' })).toBeTruthy();
  });

  it('opens an existing rule with its values and saves it with a PATCH', async () => {
    const rule = triggerRule({
      id: 'trg_lang',
      name: 'Catalan speakers',
      conditions: [{ type: 'language', languages: ['ca'], negate: false }],
      frequency: { kind: 'every_hours', hours: 48 },
    });
    const api = stubApi({ 'PATCH /api/admin/triggers/trg_lang': (body) => [200, { trigger: { ...rule, ...(body as object) } }] });
    const { container, onSaved } = renderEditor(rule);
    expect(screen.getByRole('heading', { name: 'Edit “Catalan speakers”' })).toBeTruthy();
    const row = container.querySelector<HTMLElement>('[data-part="condition"]')!;
    expect(row.querySelector<HTMLInputElement>('input[name="languages"]')!.value).toBe('ca');

    type(row, 'languages', 'ca, es-ES');
    fireEvent.click(screen.getByRole('button', { name: 'Save trigger' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.writes()[0]).toMatchObject({
      method: 'PATCH',
      body: { conditions: [{ type: 'language', languages: ['ca', 'es'], negate: false }], frequency: { kind: 'every_hours', hours: 48 } },
    });
  });
});
