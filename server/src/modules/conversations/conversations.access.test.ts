import { describe, expect, it, vi } from 'vitest';
import type { AgentActor, VisitorActor } from './actors.ts';
import { AccessResolver, agentAccess, visitorMayAccess } from './conversations.access.ts';
import type { ConversationRow } from './conversations.types.ts';

const conversation = (fields: Partial<ConversationRow> = {}): ConversationRow =>
  ({
    id: 'cnv-1',
    siteId: 'site-a',
    visitorId: 'vis-1',
    status: 'open',
    assigneeId: null,
    departmentId: null,
    guestIds: [],
    ...fields,
  }) as ConversationRow;

const agent = (fields: Partial<AgentActor> = {}): AgentActor => ({
  kind: 'agent',
  agentId: 'agt-1',
  siteId: 'site-a',
  name: 'Marta',
  role: 'agent',
  ...fields,
});

const none = { departmentIds: [] as string[], isGuest: false };

describe('agentAccess', () => {
  it('lets an agent write where it is the assignee or a guest', () => {
    expect(agentAccess(agent(), conversation({ assigneeId: 'agt-1' }), none)).toBe('write');
    expect(agentAccess(agent(), conversation({ assigneeId: 'agt-2' }), { ...none, isGuest: true })).toBe('write');
    // Still its own once closed: it stays readable and writable by those who were in it.
    expect(agentAccess(agent(), conversation({ assigneeId: 'agt-1', status: 'closed' }), none)).toBe('write');
  });

  it('lets an agent only read the queue of its departments and the site-wide queue', () => {
    expect(agentAccess(agent(), conversation(), none)).toBe('read');
    expect(agentAccess(agent(), conversation({ departmentId: 'dep-1' }), { ...none, departmentIds: ['dep-1'] })).toBe('read');
    expect(agentAccess(agent(), conversation({ departmentId: 'dep-2' }), { ...none, departmentIds: ['dep-1'] })).toBe('none');
  });

  it('gives nothing of another agent’s conversation, nor of a closed unassigned one', () => {
    expect(agentAccess(agent(), conversation({ assigneeId: 'agt-2' }), { ...none, departmentIds: ['dep-1'] })).toBe('none');
    expect(agentAccess(agent(), conversation({ status: 'closed' }), none)).toBe('none');
  });

  it('lets an admin write everything of its site, and nothing of another', () => {
    const admin = agent({ role: 'admin' });
    expect(agentAccess(admin, conversation({ assigneeId: 'agt-2', departmentId: 'dep-9', status: 'closed' }), none)).toBe('write');
    expect(agentAccess(admin, conversation({ siteId: 'site-b' }), none)).toBe('none');
    expect(agentAccess(agent(), conversation({ siteId: 'site-b', assigneeId: 'agt-1' }), { ...none, isGuest: true })).toBe('none');
  });
});

describe('visitorMayAccess', () => {
  const visitor: VisitorActor = { kind: 'visitor', visitorId: 'vis-1', siteId: 'site-a', label: '#AAAAA' };
  it('reaches only the visitor’s own conversation of its own site', () => {
    expect(visitorMayAccess(visitor, conversation())).toBe(true);
    expect(visitorMayAccess(visitor, conversation({ visitorId: 'vis-2' }))).toBe(false);
    expect(visitorMayAccess(visitor, conversation({ siteId: 'site-b' }))).toBe(false);
  });
});

describe('AccessResolver', () => {
  it('looks up the agent’s departments, and reads the guests on the conversation’s row', () => {
    const departments = vi.fn((siteId: string, agentId: string) => (siteId === 'site-a' && agentId === 'agt-1' ? ['dep-1'] : []));
    const access = new AccessResolver(departments);
    expect(access.of(agent(), conversation({ departmentId: 'dep-1' }))).toBe('read');
    expect(access.of(agent({ agentId: 'agt-3' }), conversation({ departmentId: 'dep-1' }))).toBe('none');
    expect(access.of(agent(), conversation({ id: 'cnv-2', assigneeId: 'agt-2', guestIds: ['agt-1'] }))).toBe('write');
    expect(access.of(agent(), conversation({ id: 'cnv-3', assigneeId: 'agt-2' }))).toBe('none');
  });

  it('answers none for another site’s conversation without looking anything up', () => {
    const departments = vi.fn(() => ['dep-1']);
    const access = new AccessResolver(departments);
    expect(access.of(agent(), conversation({ siteId: 'site-b', guestIds: ['agt-1'] }))).toBe('none');
    expect(departments).not.toHaveBeenCalled();
    // An admin's departments do not matter: it reads and writes all.
    expect(access.of(agent({ role: 'admin' }), conversation({ departmentId: 'dep-9' }))).toBe('write');
    expect(departments).not.toHaveBeenCalled();
  });
});
