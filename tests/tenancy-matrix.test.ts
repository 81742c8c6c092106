import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentCommandSchemas, visitorCommandSchemas, type AgentClientEvents, type VisitorClientEvents } from '@mostrador/shared';
import { agentCommand, startTestServer, visitorCommand, type TestServer } from '@mostrador/server/testing';
import { MISSING, createSite, markerThrough, record, routesOf, snapshot, type SiteRefs, type SiteUnderTest } from './tenancy/two-sites.ts';

/*
 * Issue 11: every reference a command or a route takes is resolved within
 * the caller's site. Site A's admin hands each agent command and each route
 * site B's ids, and site A's visitor each widget command that takes an id;
 * the answer must be "not found", exactly as for an id nobody has, nothing
 * may reach site B's sockets, and no row may change. The tables are checked
 * against the contract and against fastify's own routes, so a new command or
 * route fails here until it is listed.
 */

/** How a case is built: `ref` is site B's ids or MISSING's, `own` is site A's. */
type Build = (ref: SiteRefs, own: SiteRefs) => unknown;

type Case =
  /** Payloads that each carry one reference; each must answer not_found, the same for B's id and a missing one. */
  | { references: Build[] }
  /** Forgetting an id (leaving a room) answers the same whether the id exists anywhere or not. */
  | { sameAsMissing: Build[] }
  /** The command takes no id: the site is the session's. Its answer must not mention site B. */
  | { noReference: unknown };

const agentCases: Record<keyof AgentClientEvents, Case> = {
  'conversation:list': { noReference: { view: 'all' } },
  'conversation:sync': { references: [(ref) => ({ conversationId: ref.conversationId, afterSeq: 0 })] },
  'message:send': { references: [(ref) => ({ conversationId: ref.conversationId, clientId: 'leak-msg-1', body: 'leak' })] },
  'typing:set': { references: [(ref) => ({ conversationId: ref.conversationId, typing: true })] },
  'conversation:close': { references: [(ref) => ({ conversationId: ref.conversationId })] },
  'conversation:take': { references: [(ref) => ({ conversationId: ref.conversationId })] },
  'conversation:status': {
    references: [
      (ref) => ({ conversationId: ref.conversationId, state: 'pending' }),
      (ref) => ({ conversationId: ref.conversationId, state: 'snoozed', until: { preset: 'hour' } }),
      (ref) => ({ conversationId: ref.conversationId, state: 'open' }),
    ],
  },
  'conversation:transfer': {
    references: [
      // The reported leak: one's own conversation to another site's department.
      (ref, own) => ({ conversationId: own.conversationId, to: { kind: 'department', departmentId: ref.departmentId } }),
      (ref, own) => ({ conversationId: own.conversationId, to: { kind: 'agent', agentId: ref.agentId } }),
      (ref, own) => ({ conversationId: ref.conversationId, to: { kind: 'department', departmentId: own.departmentId } }),
      (ref, own) => ({ conversationId: ref.conversationId, to: { kind: 'agent', agentId: own.adminId } }),
    ],
  },
  'conversation:invite': {
    references: [
      (ref, own) => ({ conversationId: own.conversationId, agentId: ref.agentId }),
      (ref, own) => ({ conversationId: ref.conversationId, agentId: own.adminId }),
    ],
  },
  'conversation:leave': { references: [(ref) => ({ conversationId: ref.conversationId })] },
  'presence:set': { noReference: { status: 'online' } },
  'team:list': { noReference: {} },
  'conversation:start': { references: [(ref) => ({ visitorId: ref.visitorId, clientId: 'leak-start-1', body: 'leak' })] },
  'visitors:watch': { noReference: {} },
  'visitors:unwatch': { noReference: {} },
  'live:watch': { noReference: {} },
  'live:unwatch': { noReference: {} },
  'visitor:follow': { references: [(ref) => ({ visitorId: ref.visitorId })] },
  // Reads only the agent's own site's catalogue (server/src/modules/visitors/product-catalog.socket.test.ts).
  'products:search': { noReference: { query: 'jersei' } },
  'visitor:unfollow': { sameAsMissing: [(ref) => ({ visitorId: ref.visitorId })] },
  'note:add': {
    references: [
      (ref) => ({ conversationId: ref.conversationId, clientId: 'leak-note-1', body: 'leak' }),
      (ref, own) => ({ conversationId: own.conversationId, clientId: 'leak-note-2', body: 'leak', mentions: [ref.agentId] }),
    ],
  },
  'conversation:tag': { references: [(ref) => ({ conversationId: ref.conversationId, add: ['leak'] })] },
  'read:mark': { references: [(ref) => ({ conversationId: ref.conversationId, seq: 1 })] },
};

/** The widget's commands: the site and the visitor come from the token; the rest touch only the visitor's own rows. */
const visitorCases: Record<keyof VisitorClientEvents, { references: Build[] } | { ownRowsOnly: string }> = {
  'message:send': { ownRowsOnly: 'the visitor’s own open conversation; a department is a slug of the token’s site' },
  'typing:set': { ownRowsOnly: 'the visitor’s own open conversation' },
  'conversation:sync': { references: [(ref) => ({ conversationId: ref.conversationId, afterSeq: 0 })] },
  'conversation:close': { references: [(ref) => ({ conversationId: ref.conversationId })] },
  'page:viewed': { ownRowsOnly: 'the visitor’s own trail' },
  'cart:updated': { ownRowsOnly: 'the visitor’s own cart' },
  'cart:tracked': { ownRowsOnly: 'the visitor’s own cart, and how far its own page loads were read' },
  'cart:set': { ownRowsOnly: 'the visitor’s own cart' },
  'visitor:identify': { ownRowsOnly: 'links the visitor to a customer of the token’s site, by the shop’s external id' },
  'trigger:opened': { ownRowsOnly: 'a firing id the visitor itself chose, looked up by its site and visitor' },
  'trigger:signal': { ownRowsOnly: 'the signalling tab’s own state in memory, evaluated against the token’s site’s rules' },
  'trigger:shown': { ownRowsOnly: 'the invitation offered to this very socket, stored for the token’s site and visitor' },
  'trigger:declined': { ownRowsOnly: 'the invitation offered to this very socket' },
  'visitor:contact': { ownRowsOnly: 'the visitor’s own contact row, keyed by the token’s site and visitor' },
  'rating:submit': { references: [(ref) => ({ conversationId: ref.conversationId, score: 1, comment: 'leak' })] },
  'nps:submit': { ownRowsOnly: 'an answer of the token’s visitor, on the token’s site' },
  'conversation:earlier': { ownRowsOnly: 'the token’s visitor’s own ended conversations' },
  'read:mark': { references: [(ref) => ({ conversationId: ref.conversationId, seq: 1 })] },
  'transcript:email': { references: [(ref) => ({ conversationId: ref.conversationId, email: 'leak@example.com' })] },
};

/** `bytes`: a raw body (an uploaded picture) instead of JSON. */
type Request = { method: string; url: string; body?: unknown; bytes?: { type: string; data: Uint8Array } };

/** A 1×1 PNG, for the picture routes. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) =>
  c.charCodeAt(0),
);
type RouteCase =
  | { references: Array<(ref: SiteRefs, own: SiteRefs) => Request> }
  /** No id in the request: the site is the session's. GET answers are checked not to mention site B. */
  | { noReference: string };

const ruleInput = (own: SiteRefs, server: TestServer, siteId: string) => {
  const rule = server.app.services.triggers.list(siteId).find((r) => r.id === own.triggerId)!;
  const { name, enabled, conditions, action, frequency } = rule;
  return { name, enabled, conditions, action, frequency };
};

let server: TestServer;
let a: SiteUnderTest;
let b: SiteUnderTest;

const apiCases = (): Record<string, RouteCase> => ({
  'POST /api/auth/login': { noReference: 'credentials only; the site is the account’s' },
  'POST /api/auth/logout': { noReference: 'ends the caller’s own session' },
  'POST /api/auth/login/second-step': { noReference: 'a login challenge only; the site is the account’s' },
  'GET /api/auth/me': { noReference: 'the caller’s own profile' },
  'GET /api/account/sessions': { noReference: 'the caller’s own sessions' },
  'POST /api/account/sessions/end-others': { noReference: 'the caller’s own sessions' },
  'DELETE /api/account/sessions/:sessionId': {
    references: [(ref) => ({ method: 'DELETE', url: `/api/account/sessions/${ref.sessionId}` })],
  },
  'PUT /api/account/password': { noReference: 'the caller’s own password' },
  'GET /api/account/two-factor': { noReference: 'the caller’s own account' },
  'POST /api/account/two-factor/enrolment': { noReference: 'the caller’s own account' },
  'POST /api/account/two-factor/confirm': { noReference: 'the caller’s own account' },
  'POST /api/account/two-factor/disable': { noReference: 'the caller’s own account' },
  'GET /api/health': { noReference: 'public, no data' },
  'GET /api/ready': { noReference: 'public, no data' },
  'POST /api/inbound/mailgun': {
    noReference:
      'Mailgun’s signed webhook, no session: the reply address names the conversation, and only its own visitor’s email is threaded',
  },
  'GET /api/conversations': { noReference: 'the session’s inbox' },
  'GET /api/reports/missed-chats': { noReference: 'the session’s site, per day' },
  'GET /api/conversations/:conversationId/events': {
    references: [(ref) => ({ method: 'GET', url: `/api/conversations/${ref.conversationId}/events?afterSeq=0` })],
  },
  'GET /api/admin/agents': { noReference: 'the session’s site' },
  'POST /api/admin/agents': {
    references: [
      (ref) => ({
        method: 'POST',
        url: '/api/admin/agents',
        body: { email: 'new-agent@a.example', name: 'New', role: 'agent', password: 'long-enough-pass', departmentIds: [ref.departmentId] },
      }),
    ],
  },
  'PATCH /api/admin/agents/:agentId': {
    references: [
      (ref) => ({ method: 'PATCH', url: `/api/admin/agents/${ref.agentId}`, body: { capacity: 9 } }),
      (ref, own) => ({
        method: 'PATCH',
        url: `/api/admin/agents/${own.agentId}`,
        body: { capacity: 9, departmentIds: [ref.departmentId] },
      }),
    ],
  },
  'GET /api/admin/departments': { noReference: 'the session’s site' },
  'POST /api/admin/departments': { noReference: 'creates a department of the session’s site from a slug' },
  'PATCH /api/admin/departments/:departmentId': {
    references: [(ref) => ({ method: 'PATCH', url: `/api/admin/departments/${ref.departmentId}`, body: { name: 'Taken over' } })],
  },
  'GET /api/admin/hours': { noReference: 'the session’s site' },
  'GET /api/admin/mailbox': { noReference: 'the session’s site’s local mailbox' },
  'GET /api/conversations/:conversationId/emails': {
    references: [(ref) => ({ method: 'GET', url: `/api/conversations/${ref.conversationId}/emails` })],
  },
  'PUT /api/admin/hours': {
    references: [
      (ref) => ({
        method: 'PUT',
        url: '/api/admin/hours',
        body: {
          site: null,
          departments: [{ departmentId: ref.departmentId, hours: { timeZone: 'Europe/Madrid', weekly: [], holidays: [], closures: [] } }],
        },
      }),
    ],
  },
  'GET /api/admin/site': { noReference: 'the session’s site' },
  'PATCH /api/admin/site': { noReference: 'the session’s site' },
  'POST /api/admin/site/identity-secret': { noReference: 'the session’s site' },
  'GET /api/admin/site/refused-origins': { noReference: 'the session’s site' },
  'POST /api/admin/site/allowed-origins': { noReference: 'adds an origin to the session’s site' },
  'GET /api/admin/site/branding': { noReference: 'the session’s site; the path and body name no site' },
  'PUT /api/admin/site/branding': { noReference: 'replaces the session’s site’s branding; the body names no site' },
  'GET /api/admin/reports/nps': { noReference: 'the NPS of the session’s site' },
  'GET /api/admin/triggers': { noReference: 'the session’s site' },
  'GET /api/admin/audit': { noReference: 'the session’s site' },
  'GET /api/admin/privacy/:kind/:id/export': {
    references: [
      (ref) => ({ method: 'GET', url: `/api/admin/privacy/visitor/${ref.visitorId}/export` }),
      (ref) => ({ method: 'GET', url: `/api/admin/privacy/customer/${ref.customerId}/export` }),
    ],
  },
  'POST /api/admin/privacy/:kind/:id/erase': {
    references: [
      (ref) => ({ method: 'POST', url: `/api/admin/privacy/visitor/${ref.visitorId}/erase`, body: { confirm: true } }),
      (ref) => ({ method: 'POST', url: `/api/admin/privacy/customer/${ref.customerId}/erase`, body: { confirm: true } }),
    ],
  },
  'GET /api/admin/triggers/report': { noReference: 'the session’s site' },
  'POST /api/admin/triggers': {
    references: [
      (ref, own) => {
        const input = ruleInput(own, server, a.siteId);
        return { method: 'POST', url: '/api/admin/triggers', body: { ...input, action: { ...input.action, agentId: ref.agentId } } };
      },
      (ref, own) => {
        const input = ruleInput(own, server, a.siteId);
        return {
          method: 'POST',
          url: '/api/admin/triggers',
          body: { ...input, action: { ...input.action, departmentId: ref.departmentId } },
        };
      },
    ],
  },
  'PUT /api/admin/triggers/order': {
    references: [
      (ref) => {
        const ids = server.app.services.triggers.list(a.siteId).map((r) => r.id);
        return { method: 'PUT', url: '/api/admin/triggers/order', body: { ids: [...ids.slice(1), ref.triggerId] } };
      },
    ],
  },
  'PATCH /api/admin/triggers/:triggerId': {
    references: [
      (ref) => ({ method: 'PATCH', url: `/api/admin/triggers/${ref.triggerId}`, body: { enabled: true } }),
      (ref, own) => {
        const { action } = ruleInput(own, server, a.siteId);
        return {
          method: 'PATCH',
          url: `/api/admin/triggers/${own.triggerId}`,
          body: { action: { ...action, departmentId: ref.departmentId } },
        };
      },
    ],
  },
  'DELETE /api/admin/triggers/:triggerId': {
    references: [(ref) => ({ method: 'DELETE', url: `/api/admin/triggers/${ref.triggerId}` })],
  },
  'GET /api/canned-replies': { noReference: 'the session’s site and agent' },
  'POST /api/canned-replies': {
    references: [
      (ref) => ({
        method: 'POST',
        url: '/api/canned-replies',
        body: { shortcut: 'leak', title: 'Leak', scope: 'shared', departmentId: ref.departmentId, bodies: { ca: 'x', es: '', en: '' } },
      }),
      (ref) => ({
        method: 'POST',
        url: '/api/canned-replies',
        body: { shortcut: 'leak', title: 'Leak', scope: 'shared', bodies: { ca: 'x', es: '', en: '' }, productUrl: ref.productUrl },
      }),
    ],
  },
  'PATCH /api/canned-replies/:replyId': {
    references: [
      (ref) => ({ method: 'PATCH', url: `/api/canned-replies/${ref.cannedReplyId}`, body: { title: 'Taken over' } }),
      (ref, own) => ({ method: 'PATCH', url: `/api/canned-replies/${own.cannedReplyId}`, body: { departmentId: ref.departmentId } }),
      (ref, own) => ({ method: 'PATCH', url: `/api/canned-replies/${own.cannedReplyId}`, body: { pictureId: ref.attachmentId } }),
      (ref, own) => ({ method: 'PATCH', url: `/api/canned-replies/${own.cannedReplyId}`, body: { productUrl: ref.productUrl } }),
    ],
  },
  'POST /api/canned-replies/:replyId/picture-copy': {
    references: [(ref) => ({ method: 'POST', url: `/api/canned-replies/${ref.cannedReplyId}/picture-copy` })],
  },
  'DELETE /api/canned-replies/:replyId': {
    references: [(ref) => ({ method: 'DELETE', url: `/api/canned-replies/${ref.cannedReplyId}` })],
  },
  'GET /api/admin/canned-replies/export': { noReference: 'the session’s site' },
  'POST /api/admin/canned-replies/import': { noReference: 'departments by slug, within the session’s site' },
  'GET /api/tags': { noReference: 'the session’s site' },
  'GET /api/search': { noReference: 'searches the session’s site only; an agent or department id of another site filters to nothing' },
  'POST /api/admin/tags': { noReference: 'adds a name to the session’s site' },
  'PUT /api/admin/agents/:agentId/picture': {
    references: [(ref) => ({ method: 'PUT', url: `/api/admin/agents/${ref.agentId}/picture`, bytes: { type: 'image/png', data: PNG } })],
  },
  'DELETE /api/admin/agents/:agentId/picture': {
    references: [(ref) => ({ method: 'DELETE', url: `/api/admin/agents/${ref.agentId}/picture` })],
  },
  'PUT /api/account/picture': { noReference: 'the session’s own agent' },
  'DELETE /api/account/picture': { noReference: 'the session’s own agent' },
  'GET /api/admin/reports/summary': {
    noReference: 'the session’s site; an agent or department id of another site filters to nothing (reports.routes.test.ts)',
  },
  'GET /api/admin/reports/days.csv': { noReference: 'the session’s site, as the summary' },
  'GET /api/admin/reports/agents.csv': { noReference: 'the session’s site, as the summary; names looked up on the session’s site' },
  'POST /api/attachments': { noReference: 'stores a file for the session’s agent and site; the query names no row' },
  'GET /api/attachments/:id/link': {
    references: [(ref) => ({ method: 'GET', url: `/api/attachments/${ref.attachmentId}/link` })],
  },
  'DELETE /api/attachments/:id': {
    references: [(ref) => ({ method: 'DELETE', url: `/api/attachments/${ref.attachmentId}` })],
  },
  'GET /api/canned-replies/suggestions': {
    references: [(ref) => ({ method: 'GET', url: `/api/canned-replies/suggestions?conversationId=${ref.conversationId}` })],
  },
  'POST /api/canned-replies/:replyId/uses': {
    references: [
      (ref, own) => ({
        method: 'POST',
        url: `/api/canned-replies/${ref.cannedReplyId}/uses`,
        body: { conversationId: own.conversationId },
      }),
      (ref, own) => ({
        method: 'POST',
        url: `/api/canned-replies/${own.cannedReplyId}/uses`,
        body: { conversationId: ref.conversationId },
      }),
    ],
  },
  // The shopper's file routes take the visitor's token, not a console session: attachments.socket.test.ts
  // shows another visitor's or site's file answering exactly like a missing one.
  'OPTIONS /api/visitor/attachments': { noReference: 'a CORS preflight: no row' },
  'POST /api/visitor/attachments': { noReference: 'the visitor token’s site and visitor' },
  'OPTIONS /api/visitor/attachments/:id/link': { noReference: 'a CORS preflight: no row' },
  'GET /api/visitor/attachments/:id/link': { noReference: 'the visitor token’s own files only' },
  'OPTIONS /api/visitor/attachments/:id': { noReference: 'a CORS preflight: no row' },
  'DELETE /api/visitor/attachments/:id': { noReference: 'the visitor token’s own unsent files only (attachments.discard.test.ts)' },
  'GET /api/files/:id': { noReference: 'a signed link: the signature covers the id and its expiry' },
  'PATCH /api/admin/tags/:tagId': {
    references: [(ref) => ({ method: 'PATCH', url: `/api/admin/tags/${ref.tagId}`, body: { colour: 'red' } })],
  },
  'POST /api/admin/tags/:tagId/merge': {
    references: [
      (ref, own) => ({ method: 'POST', url: `/api/admin/tags/${ref.tagId}/merge`, body: { into: own.tagId } }),
      (ref, own) => ({ method: 'POST', url: `/api/admin/tags/${own.tagId}/merge`, body: { into: ref.tagId } }),
    ],
  },
});

/** Routes outside /api serve files and the demo shop's pages: no site-owned row behind them. */
const publicRoutes: Array<[RegExp, string]> = [
  [/^GET \/$/, 'redirect to the demo shop'],
  [/^GET \/(\*|console(\/.*)?)$/, 'the console’s static files (one route per built file)'],
  [/^GET \/widget\.js$/, 'the widget bundle'],
  [/^GET \/widget\/i18n\/:file$/, 'the widget’s catalogues'],
  [/^GET \/widget\/chunks\/:file$/, 'the widget’s panel chunks'],
  [/^GET \/avatars\/:pictureId$/, 'agents’ pictures, public by an unguessable id, as the widget shows them'],
  [/^GET \/shop(\/|\/(products\/:slug|cart|checkout|shop\.js|shop\.css|favicon\.svg|img\/[\w-]+\.svg))?$/, 'the demo shop'],
];

/** Every id of site B, to check that no answer mentions one. */
const idsOf = (refs: SiteRefs) => [...Object.values(refs), b.siteId];
const mentionsB = (answer: unknown) => idsOf(b.refs).filter((id) => JSON.stringify(answer).includes(id));

beforeAll(async () => {
  server = await startTestServer();
  a = await createSite(server, 'Site A');
  b = await createSite(server, 'Site B');
  await markerThrough(b, 'before');
});

afterAll(async () => {
  for (const site of [a, b]) for (const socket of [site.admin, site.agent, site.visitor]) socket.disconnect();
  await server.close();
});

describe('another site’s ids', () => {
  it('answer every agent command exactly like missing ones, reach no one on that site and change no row', async () => {
    expect(Object.keys(agentCases).sort()).toEqual(Object.keys(agentCommandSchemas).sort());
    const before = await snapshot(server);
    const heard = [b.admin, b.agent, b.visitor].map(record);

    for (const [name, spec] of Object.entries(agentCases) as Array<[keyof AgentClientEvents, Case]>) {
      if ('noReference' in spec) {
        const answer = await agentCommand(a.admin, name, spec.noReference);
        expect(answer.ok, name).toBe(true);
        expect(mentionsB(answer), name).toEqual([]);
        continue;
      }
      const builds = 'references' in spec ? spec.references : spec.sameAsMissing;
      for (const build of builds) {
        const foreign = await agentCommand(a.admin, name, build(b.refs, a.refs));
        const missing = await agentCommand(a.admin, name, build(MISSING, a.refs));
        expect(foreign, name).toEqual(missing);
        if ('references' in spec) expect(foreign, name).toMatchObject({ ok: false, error: { code: 'not_found' } });
      }
    }

    expect(await snapshot(server)).toEqual(before);
    await markerThrough(b, 'after');
    expect(heard.map((facts) => facts.map((f) => f.event))).toEqual([
      ['message:created', 'message:created'],
      ['message:created'],
      ['message:created'],
    ]);
    expect(heard.flat().every((f) => JSON.stringify(f.payload).includes('marker after'))).toBe(true);
  });

  it('answer every widget command exactly like missing ones, reach no one on that site and change no row', async () => {
    expect(Object.keys(visitorCases).sort()).toEqual(Object.keys(visitorCommandSchemas).sort());
    const before = await snapshot(server);
    const heard = [b.admin, b.agent, b.visitor].map(record);

    for (const [name, spec] of Object.entries(visitorCases) as Array<
      [keyof VisitorClientEvents, (typeof visitorCases)[keyof VisitorClientEvents]]
    >) {
      if ('ownRowsOnly' in spec) continue;
      for (const build of spec.references) {
        const foreign = await visitorCommand(a.visitor, name, build(b.refs, a.refs));
        const missing = await visitorCommand(a.visitor, name, build(MISSING, a.refs));
        expect(foreign, name).toEqual(missing);
        expect(foreign, name).toMatchObject({ ok: false, error: { code: 'not_found' } });
      }
    }

    expect(await snapshot(server)).toEqual(before);
    await markerThrough(b, 'after-widget');
    expect(heard.map((facts) => facts.map((f) => f.event))).toEqual([
      ['message:created', 'message:created'],
      ['message:created'],
      ['message:created'],
    ]);
  });

  it('answer every admin route with 404 exactly like missing ones, and change no row', async () => {
    const cases = apiCases();
    const routes = routesOf(server);
    const unlisted = routes.filter((r) => !(r in cases) && !publicRoutes.some(([pattern]) => pattern.test(r)));
    expect(unlisted, 'every route must be in the tenancy matrix').toEqual([]);
    expect(
      Object.keys(cases).filter((r) => !routes.includes(r)),
      'no stale rows',
    ).toEqual([]);
    const before = await snapshot(server);
    const heard = [b.admin, b.agent, b.visitor].map(record);
    const send = async ({ method, url, body, bytes }: Request) => {
      const headers: Record<string, string> = { cookie: a.adminCookie };
      if (bytes) headers['content-type'] = bytes.type;
      else if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${server.url}${url}`, {
        method,
        headers,
        ...(bytes ? { body: Buffer.from(bytes.data) } : body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json() };
    };

    for (const [route, spec] of Object.entries(cases)) {
      if ('noReference' in spec) {
        if (!route.startsWith('GET ')) continue;
        const answer = await send({ method: 'GET', url: route.slice(4) });
        expect(mentionsB(answer), route).toEqual([]);
        continue;
      }
      for (const build of spec.references) {
        const foreign = await send(build(b.refs, a.refs));
        const missing = await send(build(MISSING, a.refs));
        expect(foreign, route).toEqual(missing);
        expect(foreign, route).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
      }
    }

    expect(await snapshot(server)).toEqual(before);
    await markerThrough(b, 'after-rest');
    expect(heard.map((facts) => facts.map((f) => f.event))).toEqual([
      ['message:created', 'message:created'],
      ['message:created'],
      ['message:created'],
    ]);
  });
});
