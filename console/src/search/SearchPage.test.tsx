import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchResults } from '@mostrador/shared';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agentSummary, sales, stubApi, support } from '../admin/testApi.ts';
import type { TeamState } from '../state/consoleState.ts';
import { SearchPage } from './SearchPage.tsx';

const hit = (seq: number, snippet: string) => ({
  conversationId: 'cnv_refund',
  visitorLabel: '#K7QM2',
  status: 'closed' as const,
  seq,
  kind: 'message' as const,
  authorKind: 'visitor' as const,
  authorName: '#K7QM2',
  createdAt: 1_700_000_000_000,
  snippet,
});

const noTeam: TeamState = { agents: [], departments: [] };
const team: TeamState = {
  agents: [agentSummary(), agentSummary({ id: 'agt_pau', name: 'Pau' })],
  departments: [sales, support],
};

describe('SearchPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('searches with filters, marks the matched words as text, pages on, and opens a result', async () => {
    const first: SearchResults = {
      hits: [hit(2, `vull la ${HIGHLIGHT_START}devolució${HIGHLIGHT_END} <b>ara</b>`)],
      nextOffset: 20,
      alsoSearched: ['tarjeta'],
      order: 'relevance',
    };
    const api = stubApi({
      'GET /api/search?q=devolucio+tarjta&offset=0&status=closed': [200, first],
      'GET /api/search?q=devolucio+tarjta&offset=20&status=closed': [
        200,
        { hits: [hit(9, 'més')], nextOffset: null, alsoSearched: [], order: 'relevance' },
      ],
    });
    const onOpenChat = vi.fn();
    const { container, getByLabelText, getByText } = render(<SearchPage team={noTeam} onNeedTeam={vi.fn()} onOpenChat={onOpenChat} />);
    fireEvent.input(getByLabelText('Words to find'), { target: { value: 'devolucio tarjta' } });
    fireEvent.change(getByLabelText('Status'), { target: { value: 'closed' } });
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(container.querySelector('mark')?.textContent).toBe('devolució'));
    expect(container.querySelector('.search-snippet')!.textContent).toBe('vull la devolució <b>ara</b>');
    expect(container.querySelector('[role="status"]')!.textContent).toContain('Also searched for: tarjeta.');
    expect(container.querySelector('[role="status"]')!.textContent).not.toContain('newest first');

    fireEvent.click(getByText('More results'));
    await waitFor(() => expect(container.querySelectorAll('.search-hit')).toHaveLength(2));
    fireEvent.click(container.querySelector('.search-hit-open')!);
    expect(onOpenChat).toHaveBeenCalledWith('cnv_refund');
    expect(api.sent.filter((r) => r.path.startsWith('/api/search'))).toHaveLength(2);
  });

  it('says when there were too many matches to rank and the newest come first', async () => {
    stubApi({
      'GET /api/search?q=comanda&offset=0': [
        200,
        { hits: [hit(3, `la ${HIGHLIGHT_START}comanda${HIGHLIGHT_END}`)], nextOffset: 20, alsoSearched: [], order: 'newest' },
      ],
    });
    const { container, getByLabelText } = render(<SearchPage team={noTeam} onNeedTeam={vi.fn()} onOpenChat={vi.fn()} />);
    fireEvent.input(getByLabelText('Words to find'), { target: { value: 'comanda' } });
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() =>
      expect(container.querySelector('[role="status"]')!.textContent).toContain('Too many matches to rank: newest first.'),
    );
  });

  it('filters by agent, department and a tag from the site’s list, and asks for the team when shown', async () => {
    const api = stubApi({
      'GET /api/tags': [200, { tags: [{ id: 'tag_return', name: 'devolució', colour: 'amber' }] }],
      'GET /api/search?q=talla&offset=0&tag=devoluci%C3%B3&agentId=agt_pau&departmentId=dep_support': [
        200,
        { hits: [hit(4, `la ${HIGHLIGHT_START}talla${HIGHLIGHT_END}`)], nextOffset: null, alsoSearched: [], order: 'relevance' },
      ],
    });
    const onNeedTeam = vi.fn();
    const { container, getByLabelText } = render(<SearchPage team={team} onNeedTeam={onNeedTeam} onOpenChat={vi.fn()} />);
    expect(onNeedTeam).toHaveBeenCalledOnce();
    await waitFor(() => expect(container.querySelector('datalist option')?.getAttribute('value')).toBe('devolució'));
    expect([...(getByLabelText('Agent') as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['Any agent', 'Núria', 'Pau']);
    expect([...(getByLabelText('Department') as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      'Any department',
      'Sales',
      'Support',
    ]);
    fireEvent.input(getByLabelText('Words to find'), { target: { value: 'talla' } });
    fireEvent.input(getByLabelText('Tag'), { target: { value: 'devolució' } });
    fireEvent.change(getByLabelText('Agent'), { target: { value: 'agt_pau' } });
    fireEvent.change(getByLabelText('Department'), { target: { value: 'dep_support' } });
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(container.querySelector('mark')?.textContent).toBe('talla'));
    expect(api.sent.filter((r) => r.path.startsWith('/api/search'))).toHaveLength(1);
  });

  it('counts one result in the singular, and says who wrote each hit without repeating the visitor', async () => {
    const agentHit = { ...hit(4, 'la comanda'), authorKind: 'agent' as const, authorName: 'Laia' };
    const automatic = { ...hit(5, 'la comanda'), authorKind: 'system' as const, authorName: null };
    stubApi({
      'GET /api/search?q=comanda&offset=0': [200, { hits: [hit(3, 'la comanda')], nextOffset: null, alsoSearched: [], order: 'relevance' }],
      'GET /api/search?q=comanda+ara&offset=0': [
        200,
        { hits: [agentHit, automatic], nextOffset: null, alsoSearched: [], order: 'relevance' },
      ],
    });
    const { container, getByLabelText } = render(<SearchPage team={noTeam} onNeedTeam={vi.fn()} onOpenChat={vi.fn()} />);
    const status = () => container.querySelector('[role="status"]')!.textContent;
    const metas = () => [...container.querySelectorAll('.search-hit-meta')].map((meta) => meta.textContent!.split(' · ').slice(0, -1));
    fireEvent.input(getByLabelText('Words to find'), { target: { value: 'comanda' } });
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(status()).toBe('1 result shown.'));
    expect(metas()).toEqual([['#K7QM2', 'Visitor']]);

    fireEvent.input(getByLabelText('Words to find'), { target: { value: 'comanda ara' } });
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(status()).toBe('2 results shown.'));
    expect(metas()).toEqual([['#K7QM2', 'Laia'], ['#K7QM2']]);
  });
});
