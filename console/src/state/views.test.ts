import { describe, expect, it } from 'vitest';
import { jordi, me, queued, summary, support } from './testFixtures.ts';
import { conversationsInView, groupByDepartment, inView, involvesMe, type Me } from './views.ts';

const admin: Me = { id: 'agt_admin', role: 'admin', departmentIds: [] };

describe('views', () => {
  it('puts my assigned and guest chats in Mine, not other agents’ chats', () => {
    expect(inView(summary({ id: 'a' }), 'mine', me)).toBe(true);
    expect(inView(summary({ id: 'b', assignee: jordi, guests: [{ id: me.id, name: me.name }] }), 'mine', me)).toBe(true);
    expect(inView(summary({ id: 'c', assignee: jordi }), 'mine', me)).toBe(false);
    expect(inView(summary({ id: 'd', status: 'closed' }), 'mine', me)).toBe(false);
  });

  it('shows the queue of my departments, every department to an admin', () => {
    const other = queued({ id: 'q', department: support });
    expect(inView(queued({ id: 'p' }), 'queue', me)).toBe(true);
    expect(inView(other, 'queue', me)).toBe(false);
    expect(inView(other, 'queue', admin)).toBe(true);
    expect(inView(queued({ id: 'r', department: null }), 'queue', me)).toBe(true);
  });

  it('lists in Tickets the open and pending conversations whose visitor left, longest waiting first', () => {
    const byId = {
      recent: summary({ id: 'recent', visitorLeftAt: 50, awaitingReplySince: 800, state: 'open' }),
      oldest: summary({ id: 'oldest', visitorLeftAt: 50, awaitingReplySince: 200, state: 'pending' }),
      here: summary({ id: 'here', visitorLeftAt: null, awaitingReplySince: 100, state: 'open' }),
      snoozed: summary({ id: 'snoozed', visitorLeftAt: 50, state: 'snoozed', snoozedUntil: 9_000 }),
      resolved: summary({ id: 'resolved', visitorLeftAt: 50, status: 'closed', state: 'resolved' }),
    };
    expect(conversationsInView(byId, 'tickets', me).map((c) => c.id)).toEqual(['oldest', 'recent']);
    expect(conversationsInView(byId, 'tickets', me, 'pending').map((c) => c.id)).toEqual(['oldest']);
  });

  it('narrows a list to one state, reading an older server’s summary (no state) from its status', () => {
    const byId = {
      pending: summary({ id: 'pending', state: 'pending' }),
      snoozed: summary({ id: 'snoozed', state: 'snoozed', snoozedUntil: 9_000 }),
      older: summary({ id: 'older' }),
    };
    expect(conversationsInView(byId, 'mine', me, 'snoozed').map((c) => c.id)).toEqual(['snoozed']);
    expect(conversationsInView(byId, 'mine', me, 'open').map((c) => c.id)).toEqual(['older']);
    expect(conversationsInView(byId, 'mine', me).length).toBe(3);
  });

  it('shows All only to admins', () => {
    expect(inView(summary({ id: 'a', assignee: jordi }), 'all', admin)).toBe(true);
    expect(inView(summary({ id: 'a' }), 'all', me)).toBe(false);
  });

  it('no longer involves me once taken by a colleague, transferred away, or left', () => {
    expect(involvesMe(queued({ id: 'q' }), me)).toBe(true);
    expect(involvesMe(summary({ id: 'q', assignee: jordi }), me)).toBe(false);
    expect(involvesMe(queued({ id: 't', department: support }), me)).toBe(false);
    expect(involvesMe(summary({ id: 't', assignee: jordi }), admin)).toBe(true);
  });

  it('lists the queue longest waiting first, grouped by department', () => {
    const byId = {
      late: queued({ id: 'late', queuedAt: 900 }),
      early: queued({ id: 'early', queuedAt: 100 }),
      none: queued({ id: 'none', queuedAt: 500, department: null }),
    };
    const list = conversationsInView(byId, 'queue', me);
    expect(list.map((c) => c.id)).toEqual(['early', 'none', 'late']);
    expect(groupByDepartment(list).map((g) => [g.department?.name ?? null, g.conversations.map((c) => c.id)])).toEqual([
      ['Sales', ['early', 'late']],
      [null, ['none']],
    ]);
  });
});
