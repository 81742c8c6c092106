import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '@mostrador/shared';
import { agentSummary, findIn, stubApi } from '../testApi.ts';
import { AuditPage } from './AuditPage.tsx';

const entry = (id: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  actorId: 'agt_nuria',
  action: 'site.settings_changed',
  targetType: 'site',
  targetId: 'site_1',
  details: { fields: ['name'] },
  at: Date.UTC(2026, 11, 4, 10, 0),
  ...overrides,
});

describe('AuditPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists who did what, shows an erased target without an id, and loads older pages', async () => {
    const api = stubApi({
      'GET /api/admin/audit': [
        200,
        {
          entries: [
            entry(3, { action: 'privacy.erased', targetType: 'customer', targetId: null, details: { visitors: 2, rows: 9 } }),
            entry(2, { actorId: 'agt_gone' }),
          ],
          nextBefore: 2,
        },
      ],
      'GET /api/admin/audit?before=2': [
        200,
        {
          entries: [entry(1, { actorId: null, action: 'trigger.deleted', targetType: 'trigger', targetId: 'trg_1', details: {} })],
          nextBefore: null,
        },
      ],
      'GET /api/admin/agents': [200, { agents: [agentSummary()] }],
    });
    const { container } = render(<AuditPage />);
    const table = await findIn(container, 'table[data-part="audit-table"]');
    const rows = () =>
      [...table.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].slice(1).map((td) => td.textContent));
    expect(rows()).toEqual([
      ['Núria', 'Data erased', 'Customer erased'],
      ['Former agent', 'Site settings changed', 'Site site_1 (fields: name)'],
    ]);
    fireEvent.click(container.querySelector('button[data-part="older-entries"]')!);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[2]).toEqual(['System', 'Trigger deleted', 'Trigger trg_1']);
    expect(container.querySelector('button[data-part="older-entries"]')).toBeNull();
    expect(api.writes()).toEqual([]);
  });
});
