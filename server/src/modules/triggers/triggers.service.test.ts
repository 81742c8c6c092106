import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TRIGGER_RULES_MAX, type TriggerRuleInput } from '@mostrador/shared';
import type { App } from '../../app.ts';
import { buildTestApp, sqlOn } from '../../testing/harness.ts';
import type { TriggersService } from './triggers.service.ts';

let app: App;
let cleanup: () => Promise<void>;
let triggers: TriggersService;
let siteId: string;
let visitorId: string;

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');

const rule = (name: string, fields: Partial<TriggerRuleInput> = {}): TriggerRuleInput => ({
  name,
  enabled: true,
  conditions: [{ type: 'time_on_page', seconds: 10, negate: false }],
  action: { kind: 'teaser', message: `Hi from ${name}`, agentId: null, departmentId: null, tags: [] },
  frequency: { kind: 'once_per_session' },
  ...fields,
});

async function created(input: TriggerRuleInput): Promise<string> {
  const result = await triggers.create(siteId, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.data.id;
}

/** The invitation a reply naming `firingId` answers, read in a committed step as the conversations module reads it. */
const invitation = (site: string, visitor: string, firingId: string) =>
  app.committer.run((tx) => triggers.invitationInTx(tx, site, visitor, firingId));
const rowOf = async (ruleId: string, days = 30) => (await triggers.report(siteId, days)).rows.find((r) => r.ruleId === ruleId);
const names = () => triggers.list(siteId).map((r) => r.name);

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  ({ app, cleanup } = await buildTestApp());
  triggers = app.services.triggers;
  siteId = (await app.services.sites.create({ name: 'Botiga', allowedOrigins: [] })).id;
  visitorId = (await app.services.visitors.identify(siteId, undefined)).visitor.id;
});

afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
});

describe('a new site', () => {
  it('starts with the default rules (see default-rules.test.ts), both off', async () => {
    expect(triggers.list(siteId).map((r) => [r.name, r.enabled, r.action.tags])).toEqual([
      ['Help on a product page', false, ['product-help']],
      ['Leaving with a cart', false, ['cart-exit']],
    ]);
  });
});

describe('editing rules', () => {
  it('appends a new rule after the last one, and keeps the order after a delete', async () => {
    const first = await created(rule('First'));
    expect(names()).toEqual(['Help on a product page', 'Leaving with a cart', 'First']);
    const [help] = triggers.list(siteId);
    expect(await triggers.delete(siteId, help!.id)).toEqual({ ok: true, data: null });
    await created(rule('Second'));
    expect(names()).toEqual(['Leaving with a cart', 'First', 'Second']);
    expect(triggers.list(siteId).find((r) => r.id === first)).toMatchObject({ createdAt: T0, updatedAt: T0 });
  });

  it('starts an empty site at the first position', async () => {
    const empty = (await app.services.sites.create({ name: 'Empty', allowedOrigins: [] })).id;
    for (const r of triggers.list(empty)) await triggers.delete(empty, r.id);
    const one = await triggers.create(empty, rule('One'));
    const two = await triggers.create(empty, rule('Two'));
    expect(one.ok && two.ok).toBe(true);
    const positions = await sqlOn(app.engine).all('SELECT name, position FROM trigger_rules WHERE site_id = ? ORDER BY position', empty);
    expect(positions).toEqual([
      { name: 'One', position: 1 },
      { name: 'Two', position: 2 },
    ]);
  });

  it(`refuses a rule beyond ${TRIGGER_RULES_MAX}, storing nothing`, async () => {
    while (triggers.list(siteId).length < TRIGGER_RULES_MAX) await created(rule(`Rule ${triggers.list(siteId).length}`));
    const refused = await triggers.create(siteId, rule('One too many'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(triggers.list(siteId)).toHaveLength(TRIGGER_RULES_MAX);
    expect(names()).not.toContain('One too many');
  });

  it('refuses a department or agent that is not the site’s, on create and on update, changing nothing', async () => {
    const other = (await app.services.sites.create({ name: 'Other', allowedOrigins: [] })).id;
    const foreign = await app.services.departments.create(other, { slug: 'sales', name: 'Sales', routing: 'auto' });
    if (!foreign.ok) throw new Error('no department');
    const action = { kind: 'teaser' as const, message: 'Hi', agentId: null, departmentId: foreign.data.id, tags: [] };
    expect(await triggers.create(siteId, rule('Foreign', { action }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const id = await created(rule('Mine'));
    expect(await triggers.update(siteId, id, { action })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'No such department' },
    });
    expect(await triggers.update(siteId, id, { action: { ...action, departmentId: null, agentId: 'agt_nobody' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'No such agent' },
    });
    expect(triggers.list(siteId).find((r) => r.id === id)?.action.departmentId).toBeNull();
    expect(names()).not.toContain('Foreign');
  });

  it('refuses a broken regular expression on update, and an unknown rule', async () => {
    expect(
      await triggers.create(siteId, rule('Broken', { conditions: [{ type: 'url', match: 'regex', pattern: '(', negate: false }] })),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: 'Invalid regular expression: missing closing ): `(`' },
    });
    expect(names()).not.toContain('Broken');
    const id = await created(rule('Mine'));
    const broken = await triggers.update(siteId, id, { conditions: [{ type: 'url', match: 'regex', pattern: '(', negate: false }] });
    expect(broken).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(triggers.list(siteId).find((r) => r.id === id)?.conditions).toEqual(rule('Mine').conditions);
    // A valid pattern, and a plain match, are taken.
    const fine = await triggers.update(siteId, id, {
      conditions: [
        { type: 'url', match: 'glob', pattern: '(', negate: false },
        { type: 'url', match: 'regex', pattern: '^/p/', negate: false },
      ],
    });
    expect(fine.ok).toBe(true);
    expect(await triggers.update(siteId, 'trg_nothing', { enabled: false })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await triggers.delete(siteId, 'trg_nothing')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a regular expression RE2 cannot run: lookaround and backreferences, which the server would never match', async () => {
    const lookahead = rule('Lookahead', {
      conditions: [{ type: 'referrer', match: 'regex', pattern: '^https://(?!shop)', negate: false }],
    });
    expect(await triggers.create(siteId, lookahead)).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: 'Invalid regular expression: invalid or unsupported Perl syntax: `(?!`' },
    });
    expect(names()).not.toContain('Lookahead');
    const id = await created(rule('Mine'));
    expect(await triggers.update(siteId, id, { conditions: lookahead.conditions })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(triggers.list(siteId).find((r) => r.id === id)?.conditions).toEqual(rule('Mine').conditions);
    // What backtracks for minutes as a JavaScript RegExp is fine here: RE2 runs it in linear time.
    expect(
      (await triggers.update(siteId, id, { conditions: [{ type: 'url', match: 'regex', pattern: '(\\w|\\d)+$', negate: false }] })).ok,
    ).toBe(true);
  });

  it('leaves out of evaluation a pattern RE2 cannot run, stored before patterns were checked by it, and a disabled rule', async () => {
    const fresh = (await app.services.sites.create({ name: 'Older', allowedOrigins: [] })).id;
    // Read from the table, not through the service: that would keep the rules as they are now.
    const sql = sqlOn(app.engine);
    const [first, second] = await sql.all<{ id: string }>('SELECT id FROM trigger_rules WHERE site_id = ? ORDER BY position', fresh);
    await sql.run(
      'UPDATE trigger_rules SET enabled = true, conditions = ? WHERE id = ?',
      JSON.stringify([{ type: 'url', match: 'regex', pattern: '^/p/(?=sale)', negate: false }]),
      first!.id,
    );
    await sql.run('UPDATE trigger_rules SET enabled = true WHERE id = ?', second!.id);
    // Such rules were in the table when the app started, and were read then.
    await triggers.load();
    expect(triggers.evaluation(fresh).rules.map((r) => r.id)).toEqual([second!.id]);
    expect(triggers.watch(fresh)).toEqual({ idleAfter: null, exitIntent: true, events: [] });
  });

  it('tells its listeners of every edit of a site’s rules, and evaluates the edited rules', async () => {
    const edited: string[] = [];
    triggers.onRulesEdited((site) => edited.push(site));
    expect(triggers.evaluation(siteId).rules).toEqual([]);
    const id = await created(rule('Idle', { conditions: [{ type: 'idle', seconds: 40, negate: false }] }));
    expect(triggers.evaluation(siteId).rules.map((r) => r.id)).toEqual([id]);
    expect(triggers.watch(siteId)).toEqual({ idleAfter: 40, exitIntent: false, events: [] });
    await triggers.update(siteId, id, { enabled: false });
    expect(triggers.evaluation(siteId).rules).toEqual([]);
    await triggers.reorder(
      siteId,
      triggers
        .list(siteId)
        .map((r) => r.id)
        .reverse(),
    );
    await triggers.delete(siteId, id);
    expect(edited).toEqual([siteId, siteId, siteId, siteId]);
  });

  it('stamps an update with its time, and shows it at once', async () => {
    const id = await created(rule('Mine'));
    vi.setSystemTime(T0 + 5_000);
    expect(await triggers.update(siteId, id, { name: 'Renamed' })).toMatchObject({
      ok: true,
      data: { name: 'Renamed', updatedAt: T0 + 5_000 },
    });
    expect(names()).toContain('Renamed');
    expect(triggers.list(siteId).find((r) => r.id === id)).toMatchObject({ createdAt: T0, updatedAt: T0 + 5_000 });
  });

  it('reorders only with every rule of the site named once', async () => {
    const ids = triggers.list(siteId).map((r) => r.id);
    const before = names();
    const other = (await app.services.sites.create({ name: 'Other', allowedOrigins: [] })).id;
    const foreign = triggers.list(other)[0]!.id;
    expect(await triggers.reorder(siteId, [ids[1]!, foreign])).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await triggers.reorder(siteId, [ids[1]!, ids[1]!])).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await triggers.reorder(siteId, [ids[1]!])).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await triggers.reorder(siteId, [ids[1]!, ids[0]!, ids[1]!])).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(names()).toEqual(before);
    const reordered = await triggers.reorder(siteId, [ids[1]!, ids[0]!]);
    expect(reordered.ok && reordered.data.map((r) => r.id)).toEqual([ids[1], ids[0]]);
    expect(names()).toEqual([...before].reverse());
  });

  it('creates a set of starting rules in order', async () => {
    const other = (await app.services.sites.create({ name: 'Other', allowedOrigins: [] })).id;
    for (const r of triggers.list(other)) await triggers.delete(other, r.id);
    await triggers.createAll(other, [rule('A'), rule('B')]);
    expect(triggers.list(other).map((r) => r.name)).toEqual(['A', 'B']);
  });
});

describe('the widget’s view', () => {
  it('gives enabled rules only, in order, with the named agent’s name as sender', async () => {
    const agent = await app.services.agents.create({
      siteId,
      email: 'marta@shop.example',
      name: 'Marta',
      role: 'agent',
      password: 'pass-pass',
    });
    if (!agent.ok) throw new Error('no agent');
    const off = await created(rule('Off', { enabled: false }));
    const named = await created(
      rule('Named', { action: { kind: 'open', message: 'Hola', agentId: agent.data.id, departmentId: null, tags: ['x'] } }),
    );
    const widget = triggers.forWidget(siteId);
    expect(widget.map((t) => t.id)).not.toContain(off);
    expect(widget).toEqual([
      {
        id: named,
        conditions: rule('Named').conditions,
        frequency: { kind: 'once_per_session' },
        action: { kind: 'open', message: 'Hola', senderName: 'Marta', departmentId: null },
      },
    ]);
  });
});

describe('firings and what followed', () => {
  const fire = (ruleId: string, firingId: string, outcome: 'fired' | 'held_back' = 'fired') =>
    triggers.record(siteId, visitorId, { ruleId, firingId, outcome });

  it('opens an "open" invitation at once, a teaser only when clicked, and counts each once', async () => {
    const open = await created(rule('Open', { action: { kind: 'open', message: 'Hola', agentId: null, departmentId: null, tags: [] } }));
    const teaser = await created(rule('Teaser'));
    expect(await fire(open, 'open-0000001')).toEqual({ ok: true, data: null });
    await fire(teaser, 'teas-0000001');
    expect(await rowOf(open)).toMatchObject({ fired: 1, opened: 1 });
    expect(await rowOf(teaser)).toMatchObject({ fired: 1, opened: 0 });
    const firing = () => sqlOn(app.engine).get('SELECT opened_at FROM trigger_firings WHERE firing_id = ?', 'teas-0000001');
    vi.setSystemTime(T0 + 1_000);
    expect(await triggers.opened(siteId, visitorId, 'teas-0000001')).toEqual({ ok: true, data: null });
    vi.setSystemTime(T0 + 2_000);
    await triggers.opened(siteId, visitorId, 'teas-0000001');
    expect(await firing()).toEqual({ opened_at: T0 + 1_000 });
    expect(await rowOf(teaser)).toMatchObject({ fired: 1, opened: 1 });
  });

  it('counts a held-back visitor once per visit of thirty minutes', async () => {
    const id = await created(rule('Capped'));
    await fire(id, 'held-0000001', 'held_back');
    vi.setSystemTime(T0 + 30 * 60_000);
    await fire(id, 'held-0000002', 'held_back');
    expect(await rowOf(id)).toMatchObject({ fired: 0, heldBack: 1 });
    vi.setSystemTime(T0 + 30 * 60_000 + 1);
    await fire(id, 'held-0000003', 'held_back');
    expect(await rowOf(id)).toMatchObject({ fired: 0, heldBack: 2 });
    // Fired reports are never folded together.
    await fire(id, 'fire-0000001');
    await fire(id, 'fire-0000002');
    expect(await rowOf(id)).toMatchObject({ fired: 2, heldBack: 2 });
  });

  it('refuses a report about a rule it does not have, storing nothing', async () => {
    expect(await fire('trg_nothing', 'fire-0000009')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await sqlOn(app.engine).value('SELECT COUNT(*) FROM trigger_firings')).toBe(0);
  });

  it('answers the invitation a reply names: the named agent and department, or the shop when they are gone', async () => {
    const agent = await app.services.agents.create({
      siteId,
      email: 'marta@shop.example',
      name: 'Marta',
      role: 'agent',
      password: 'pass-pass',
    });
    const department = await app.services.departments.create(siteId, { slug: 'sales', name: 'Sales', routing: 'auto' });
    if (!agent.ok || !department.ok) throw new Error('setup');
    const action = { kind: 'teaser' as const, message: 'Hola!', agentId: agent.data.id, departmentId: department.data.id, tags: ['vip'] };
    const id = await created(rule('Named', { action }));
    const plain = await created(rule('Plain'));
    await fire(id, 'fire-0000001');
    await fire(plain, 'fire-0000002');
    await fire(id, 'held-0000001', 'held_back');

    expect(await invitation(siteId, visitorId, 'fire-0000001')).toEqual({
      ruleId: id,
      message: 'Hola!',
      author: { id: agent.data.id, name: 'Marta' },
      departmentId: department.data.id,
      tags: ['vip'],
    });
    expect(await invitation(siteId, visitorId, 'fire-0000002')).toMatchObject({
      author: { id: null, name: 'Botiga' },
      departmentId: null,
    });
    expect(await invitation(siteId, visitorId, 'held-0000001')).toBeNull();
    expect(await invitation(siteId, visitorId, 'fire-0000404')).toBeNull();
    const stranger = (await app.services.visitors.identify(siteId, undefined)).visitor.id;
    expect(await invitation(siteId, stranger, 'fire-0000001')).toBeNull();

    // The rule deleted since: no invitation.
    await triggers.delete(siteId, plain);
    expect(await invitation(siteId, visitorId, 'fire-0000002')).toBeNull();
  });

  it('counts checkout and purchase for the firings of the week before, once each', async () => {
    const id = await created(rule('Capped'));
    await fire(id, 'fire-0000001');
    vi.setSystemTime(T0 + 7 * DAY);
    await fire(id, 'fire-0000002');
    // Exactly a week after the first firing, both count.
    await triggers.cartStage(siteId, visitorId, 'checkout', T0 + 7 * DAY);
    expect(await rowOf(id)).toMatchObject({ fired: 2, checkouts: 2, purchases: 0 });
    // A week and a moment after: only the second firing counts the purchase.
    await triggers.cartStage(siteId, visitorId, 'purchase', T0 + 7 * DAY + 1);
    expect(await rowOf(id)).toMatchObject({ checkouts: 2, purchases: 1 });
    // A second checkout changes nothing already counted.
    await triggers.cartStage(siteId, visitorId, 'checkout', T0 + 7 * DAY + 2);
    expect(await sqlOn(app.engine).all('SELECT firing_id, checkout_at, purchase_at FROM trigger_firings ORDER BY firing_id')).toEqual([
      { firing_id: 'fire-0000001', checkout_at: T0 + 7 * DAY, purchase_at: null },
      { firing_id: 'fire-0000002', checkout_at: T0 + 7 * DAY, purchase_at: T0 + 7 * DAY + 1 },
    ]);
  });

  it('follows an invitation to a reply and a chat: the reply counts as opened, the first answer alone is kept', async () => {
    const id = await created(rule('Teaser'));
    await fire(id, 'fire-0000001');
    vi.setSystemTime(T0 + 1_000);
    await app.committer.run((tx) => triggers.repliedInTx(tx, siteId, visitorId, 'fire-0000001', 'cnv_000000000001', T0 + 1_000));
    await triggers.answered(siteId, 'cnv_000000000001', T0 + 2_000);
    await triggers.answered(siteId, 'cnv_000000000001', T0 + 3_000);
    // Another conversation's answer touches nothing here.
    await triggers.answered(siteId, 'cnv_000000000002', T0 + 4_000);
    expect(await sqlOn(app.engine).get('SELECT opened_at, replied_at, conversation_id, answered_at FROM trigger_firings')).toEqual({
      opened_at: T0 + 1_000,
      replied_at: T0 + 1_000,
      conversation_id: 'cnv_000000000001',
      answered_at: T0 + 2_000,
    });
    expect(await rowOf(id)).toMatchObject({ fired: 1, opened: 1, replied: 1, chats: 1 });
  });

  it('never marks a held-back invitation as opened, even for a rule that opens the panel', async () => {
    const open = await created(rule('Open', { action: { kind: 'open', message: 'Hola', agentId: null, departmentId: null, tags: [] } }));
    await fire(open, 'held-0000001', 'held_back');
    expect(await sqlOn(app.engine).all('SELECT outcome, opened_at FROM trigger_firings')).toEqual([
      { outcome: 'held_back', opened_at: null },
    ]);
  });

  it('keeps the first checkout of a firing when the visitor reaches checkout again', async () => {
    const id = await created(rule('Capped'));
    await fire(id, 'fire-0000001');
    await triggers.cartStage(siteId, visitorId, 'checkout', T0 + 1_000);
    await triggers.cartStage(siteId, visitorId, 'checkout', T0 + 2_000);
    expect(await sqlOn(app.engine).get('SELECT checkout_at, purchase_at FROM trigger_firings')).toEqual({
      checkout_at: T0 + 1_000,
      purchase_at: null,
    });
  });

  it('reports the chosen number of days, with zeros for rules that never fired', async () => {
    const id = await created(rule('Weekly'));
    await fire(id, 'fire-0000001');
    vi.setSystemTime(T0 + 7 * DAY);
    expect(await rowOf(id, 7)).toMatchObject({ fired: 1 });
    vi.setSystemTime(T0 + 7 * DAY + 1);
    expect(await rowOf(id, 7)).toMatchObject({ fired: 0 });
    expect(await rowOf(id, 8)).toMatchObject({ fired: 1 });
    const report = await triggers.report(siteId, 7);
    expect(report.days).toBe(7);
    expect(report.rows.map((r) => r.ruleId)).toEqual(triggers.list(siteId).map((r) => r.id));
    expect(report.rows[0]).toEqual({
      ruleId: triggers.list(siteId)[0]!.id,
      fired: 0,
      opened: 0,
      replied: 0,
      chats: 0,
      checkouts: 0,
      purchases: 0,
      heldBack: 0,
      heldBackCheckouts: 0,
      conversions: { visitors: 0, checkouts: 0, converted: 0, purchases: 0, revenue: [], conversionRate: null },
    });
  });
});
