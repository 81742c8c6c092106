import { expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { describeOnEngines, insertAgent, insertDepartment, insertRows, insertSite, insertVisitor } from '../../testing/engines.ts';
import { liveRepository } from './reports.module.ts';

type Row = {
  id: string;
  siteId?: string;
  status?: 'open' | 'closed';
  departmentId?: string | null;
  assigneeId?: string | null;
  origin?: 'visitor' | 'agent' | 'trigger';
  tags?: string[];
  ticketSince?: number | null;
  awaitingReplySince?: number | null;
  hold?: 'pending' | 'snoozed' | null;
};

async function conversations(engine: Engine, rows: Row[]): Promise<void> {
  for (const row of rows) await insertVisitor(engine, row.siteId ?? 's1', `v-${row.id}`);
  await insertRows(
    engine,
    'conversations',
    rows.map((row) => ({
      status: 'open' as const,
      ...row,
      siteId: row.siteId ?? 's1',
      visitorId: `v-${row.id}`,
      visitorLabel: row.id,
      lastSeq: 0,
      createdAt: 1,
      updatedAt: 1,
    })),
  );
}

/**
 * Site s1: live chats c1 (Jordi's, shoes, vip), c2 (Ana's, started by a
 * trigger), c3 and c4 queued (c3 in shoes, vip); tickets t1 (waiting on the
 * team, shoes), t2 (Jordi's, waiting), t3 (waiting on the customer: pending),
 * t4 (answered), and a closed chat; site s2 has one queued chat and one waiting ticket.
 */
async function writeDesk(engine: Engine): Promise<void> {
  for (const site of ['s1', 's2']) await insertSite(engine, site);
  for (const agent of ['jordi', 'ana']) await insertAgent(engine, 's1', agent);
  await insertDepartment(engine, 's1', 'shoes');
  await conversations(engine, [
    { id: 'c1', assigneeId: 'jordi', departmentId: 'shoes', tags: ['vip'] },
    { id: 'c2', assigneeId: 'ana', origin: 'trigger', hold: 'pending' },
    { id: 'c3', departmentId: 'shoes', tags: ['vip'] },
    { id: 'c4', awaitingReplySince: 5 },
    { id: 't1', ticketSince: 1, awaitingReplySince: 5, departmentId: 'shoes' },
    { id: 't2', ticketSince: 1, awaitingReplySince: 5, assigneeId: 'jordi', tags: ['vip'] },
    { id: 't3', ticketSince: 1, awaitingReplySince: 5, hold: 'pending' },
    { id: 't4', ticketSince: 1, assigneeId: 'ana' },
    { id: 'x1', status: 'closed', assigneeId: 'jordi', departmentId: 'shoes', ticketSince: 1, awaitingReplySince: 5 },
    { id: 'o1', siteId: 's2' },
    { id: 'o2', siteId: 's2', ticketSince: 1, awaitingReplySince: 5 },
  ]);
}

describeOnEngines('the live counts', (engine) => {
  it('counts the open live chats with an agent and queued, and the open tickets and those waiting on the team', async () => {
    await writeDesk(engine());
    const repo = liveRepository(engine());
    expect(await repo.liveCounts('s1', {})).toEqual({ inProgress: 2, queued: 2, ticketsOpen: 4, ticketsWaiting: 2 });
    expect(await repo.liveCounts('s2', {})).toEqual({ inProgress: 0, queued: 1, ticketsOpen: 1, ticketsWaiting: 1 });
    expect(await repo.liveCounts('nowhere', {})).toEqual({ inProgress: 0, queued: 0, ticketsOpen: 0, ticketsWaiting: 0 });
  });

  it('narrows every count by department, origin and tag, and all but the queue by agent', async () => {
    await writeDesk(engine());
    const repo = liveRepository(engine());
    expect(await repo.liveCounts('s1', { departmentId: 'shoes' })).toEqual({ inProgress: 1, queued: 1, ticketsOpen: 1, ticketsWaiting: 1 });
    expect(await repo.liveCounts('s1', { origin: 'trigger' })).toEqual({ inProgress: 1, queued: 0, ticketsOpen: 0, ticketsWaiting: 0 });
    expect(await repo.liveCounts('s1', { tag: 'vip' })).toEqual({ inProgress: 1, queued: 1, ticketsOpen: 1, ticketsWaiting: 1 });
    // The queue has no agent: it stays the whole queue (LIVE_FILTERS_APPLIED.queued), the rest are Jordi's.
    expect(await repo.liveCounts('s1', { agentId: 'jordi' })).toEqual({ inProgress: 1, queued: 2, ticketsOpen: 1, ticketsWaiting: 1 });
    expect(await repo.liveCounts('s1', { agentId: 'jordi', departmentId: 'shoes' })).toEqual({
      inProgress: 1,
      queued: 1,
      ticketsOpen: 0,
      ticketsWaiting: 0,
    });
    // A whole tag only; another site's conversations never count, whatever the filter names.
    expect(await repo.liveCounts('s1', { tag: 'vi' })).toEqual({ inProgress: 0, queued: 0, ticketsOpen: 0, ticketsWaiting: 0 });
    expect(await repo.liveCounts('s2', { departmentId: 'shoes' })).toEqual({ inProgress: 0, queued: 0, ticketsOpen: 0, ticketsWaiting: 0 });
  });
});
