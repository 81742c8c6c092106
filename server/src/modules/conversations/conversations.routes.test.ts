import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { buildTestApp } from '../../testing/harness.ts';

let app: App;
let cleanup: () => Promise<void>;
let cookies: Record<string, string>;
let conversationId: string;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  const site = await app.services.sites.create({ name: 'Shop', allowedOrigins: [] });
  await app.services.agents.create({ siteId: site.id, email: 'a@shop.example', name: 'Pau', role: 'agent', password: 'pass-pass' });
  const { visitor } = await app.services.visitors.identify(site.id, undefined);
  const actor = { kind: 'visitor' as const, visitorId: visitor.id, siteId: site.id, label: visitor.label };
  for (const [i, body] of ['Bon dia', 'Teniu botigues a Girona?'].entries()) {
    const sent = await app.services.conversations.sendFromVisitor(actor, { clientId: `rest-msg-${i}x`, body });
    if (!sent.ok) throw new Error('seed failed');
    conversationId = sent.data.conversation.id;
  }
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@shop.example', password: 'pass-pass' } });
  cookies = { mostrador_session: login.cookies.find((c) => c.name === 'mostrador_session')!.value };
});

afterEach(() => cleanup());

describe('conversation routes', () => {
  it('list the queue with each conversation’s last message, and no internal columns', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/conversations?view=queue', cookies });
    expect(res.statusCode).toBe(200);
    const [row] = res.json().conversations;
    expect(row).toMatchObject({
      id: conversationId,
      status: 'open',
      lastSeq: 2,
      assignee: null,
      department: null,
      lastMessage: { body: 'Teniu botigues a Girona?', authorKind: 'visitor' },
    });
    expect(row.queuedAt).toEqual(expect.any(Number));
    expect(Object.keys(row)).not.toContain('siteId');
    const mine = await app.inject({ method: 'GET', url: '/api/conversations?view=mine', cookies });
    expect(mine.json().conversations).toEqual([]);
    const closed = await app.inject({ method: 'GET', url: '/api/conversations?view=closed', cookies });
    expect(closed.json().conversations).toEqual([]);
    const all = await app.inject({ method: 'GET', url: '/api/conversations?view=all', cookies });
    expect(all.statusCode).toBe(403);
  });

  it('page the events after a seq', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/conversations/${conversationId}/events?afterSeq=1`, cookies });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ events: [{ seq: 2, body: 'Teniu botigues a Girona?' }], hasMore: false });
  });

  it('answer 404 for an unknown conversation and 400 for a malformed query', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/conversations/cnv_nope/events', cookies })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/conversations/${conversationId}/events?afterSeq=-1`, cookies })).statusCode).toBe(
      400,
    );
    expect((await app.inject({ method: 'GET', url: '/api/conversations?view=lost', cookies })).statusCode).toBe(400);
  });
});
