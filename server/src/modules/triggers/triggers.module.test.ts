import type { RevenueTriggerRow, TriggerRuleInput } from '@mostrador/shared';
import { expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import { committerOn, describeOnEngines, insertSite, insertVisitor } from '../../testing/engines.ts';
import { createTriggersModule, type TriggersModuleDeps } from './triggers.module.ts';

const rule = (name: string): TriggerRuleInput => ({
  name,
  enabled: true,
  conditions: [{ type: 'exit_intent', negate: false }],
  action: { kind: 'teaser', message: `Hi from ${name}`, agentId: null, departmentId: null, tags: [] },
  frequency: { kind: 'once_per_session' },
});

/** What the reports would answer for the trigger report's period: set by a test; the periods asked, kept. */
let converted: RevenueTriggerRow[] = [];
const asked: Array<[string, number, number, number]> = [];
const figure = (visitors: number, converted: number, amount: number) => ({
  visitors,
  checkouts: converted,
  converted,
  purchases: converted,
  revenue: amount ? [{ currency: 'EUR', amount }] : [],
  conversionRate: visitors ? (100 * converted) / visitors : null,
});

describeOnEngines('the triggers module', (engine) => {
  const deps = (): TriggersModuleDeps => ({
    engine: engine(),
    ...(engine().kind === 'sqlite' && { groupCommit: new GroupCommit((engine() as Extract<Engine, { kind: 'sqlite' }>).db.$client) }),
    team: { agent: () => undefined, departmentList: () => [] },
    sites: { byId: () => ({ name: 'Botiga' }) },
    conversions: async (siteId, from, to, attributionDays) => {
      asked.push([siteId, from, to, attributionDays]);
      return { byTrigger: converted, baseline: figure(40, 2, 60) };
    },
  });

  it('reads every site’s rules before it serves, and answers the message path from memory after each write', async () => {
    await insertSite(engine(), 'site-a');
    await insertSite(engine(), 'site-b');
    const { triggers } = await createTriggersModule(deps());
    const edited: string[] = [];
    triggers.onRulesEdited((siteId) => edited.push(siteId));
    await triggers.createAll('site-a', [rule('One'), rule('Two')]);
    const created = await triggers.create('site-b', rule('Theirs'));
    if (!created.ok) throw new Error(created.error.message);
    // Synchronous, from the copy: what the widget's handshake and the trigger engine read.
    expect(triggers.list('site-a').map((r) => r.name)).toEqual(['One', 'Two']);
    expect(triggers.watch('site-a')).toEqual({ idleAfter: null, exitIntent: true, events: [] });
    expect(edited).toEqual(['site-a', 'site-a', 'site-b']);

    // Another site's rule answers as a missing one, and stays as it was.
    expect(await triggers.update('site-a', created.data.id, { enabled: false })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await triggers.delete('site-a', created.data.id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await triggers.reorder('site-a', [created.data.id])).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const [one, two] = triggers.list('site-a');
    const reordered = await triggers.reorder('site-a', [two!.id, one!.id]);
    expect(reordered.ok && reordered.data.map((r) => r.name)).toEqual(['Two', 'One']);
    expect(await triggers.update('site-a', one!.id, { enabled: false })).toMatchObject({ ok: true, data: { enabled: false } });
    expect(triggers.evaluation('site-a').rules.map((r) => r.id)).toEqual([two!.id]);

    // A node started now reads the same rules from the table.
    const restarted = await createTriggersModule(deps());
    expect(restarted.triggers.list('site-a')).toEqual(triggers.list('site-a'));
    expect(restarted.triggers.list('site-b')).toEqual([created.data]);
  });

  it('records firings and what followed them, and answers the invitation a reply names inside a step', async () => {
    await insertSite(engine(), 'site-a');
    await insertVisitor(engine(), 'site-a', 'va');
    const { triggers } = await createTriggersModule(deps());
    const created = await triggers.create('site-a', rule('One'));
    if (!created.ok) throw new Error(created.error.message);
    const ruleId = created.data.id;
    expect(await triggers.record('site-a', 'va', { ruleId, firingId: 'f-1', outcome: 'fired' })).toEqual({ ok: true, data: null });
    // A resend of the same firing, and the same report from two nodes at once, store it once.
    await Promise.all([1, 2].map(() => triggers.record('site-a', 'va', { ruleId, firingId: 'f-1', outcome: 'fired' })));
    await triggers.record('site-a', 'va', { ruleId, firingId: 'h-1', outcome: 'held_back' });
    await triggers.record('site-a', 'va', { ruleId, firingId: 'h-2', outcome: 'held_back' });
    expect(Object.keys(await triggers.lastFirings('site-a', 'va'))).toEqual([ruleId]);

    const invitation = await committerOn(engine()).run((tx) => triggers.invitationInTx(tx, 'site-a', 'va', 'f-1'));
    expect(invitation).toEqual({ ruleId, message: 'Hi from One', author: { id: null, name: 'Botiga' }, departmentId: null, tags: [] });
    expect(await committerOn(engine()).run((tx) => triggers.invitationInTx(tx, 'site-a', 'va', 'h-1'))).toBeNull();
    await committerOn(engine()).run((tx) => triggers.repliedInTx(tx, 'site-a', 'va', 'f-1', 'cnv-1', Date.now()));
    await triggers.answered('site-a', 'cnv-1', Date.now());
    await triggers.cartStage('site-a', 'va', 'checkout', Date.now());
    const counts = { ruleId, fired: 1, opened: 1, replied: 1, chats: 1, checkouts: 1, purchases: 0, heldBack: 1, heldBackCheckouts: 1 };
    converted = [];
    // Nobody has chatted in the reports' reading yet: no conversions, not missing ones.
    const none = figure(0, 0, 0);
    expect(await triggers.report('site-a', 1)).toEqual({
      days: 1,
      attributionDays: 3,
      rows: [{ ...counts, conversions: none }],
      withoutTrigger: none,
      baseline: figure(40, 2, 60),
    });
    // The reports' rows for this rule and for chats no rule started land on theirs; a deleted rule's row is not listed.
    converted = [
      { id: ruleId, name: 'One', ...figure(4, 1, 25.5) },
      { id: null, name: null, ...figure(10, 1, 9) },
      { id: 'trg_gone', name: null, ...figure(3, 3, 99) },
    ];
    const before = Date.now();
    const report = await triggers.report('site-a', 7, 5);
    expect(report.rows).toEqual([{ ...counts, conversions: figure(4, 1, 25.5) }]);
    expect(report).toMatchObject({ days: 7, attributionDays: 5, withoutTrigger: figure(10, 1, 9) });
    // The same period as the firings' counts: the last 7 × 24 h, up to now.
    const [siteId, from, to, attributionDays] = asked.at(-1)!;
    expect([siteId, to - from, attributionDays]).toEqual(['site-a', 7 * 86_400_000, 5]);
    expect(to).toBeGreaterThanOrEqual(before);
  });
});
