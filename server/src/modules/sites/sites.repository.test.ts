import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/engines.ts';
import type { SiteRow } from './sites.repository.ts';
import { sitesRepository } from './sites.module.ts';

function site(id: string, overrides: Partial<SiteRow> = {}): SiteRow {
  return {
    id,
    key: `key-${id}`,
    name: `Shop ${id}`,
    allowedOrigins: ['https://shop.example'],
    departmentChoice: false,
    typingPreview: true,
    identityEnforced: false,
    identitySecret: `secret-${id}`,
    ratingEnabled: true,
    ratingAskAgain: false,
    npsEnabled: false,
    preChat: 'off',
    conversationRetentionDays: null,
    trailRetentionDays: null,
    branding: null,
    attachmentMaxMb: 10,
    attachmentTypes: ['image', 'pdf'],
    visitorUploads: true,
    createdAt: 1,
    ...overrides,
  };
}

describeOnEngines('the sites repository', (engine) => {
  it('reads back every site as written, and an update returns the row as stored', async () => {
    const repo = sitesRepository(engine());
    await repo.insert(site('a'));
    await repo.insert(site('b', { trailRetentionDays: 7 }));
    expect((await repo.all()).sort((x, y) => x.id.localeCompare(y.id))).toEqual([site('a'), site('b', { trailRetentionDays: 7 })]);

    const updated = await repo.update('a', { name: 'Botiga', allowedOrigins: ['https://botiga.example'], preChat: 'email' });
    expect(updated).toEqual(site('a', { name: 'Botiga', allowedOrigins: ['https://botiga.example'], preChat: 'email' }));
    expect((await repo.all()).find((s) => s.id === 'a')).toEqual(updated);
    expect(await repo.byId('a')).toEqual(updated);
    expect(await repo.byId('missing')).toBeUndefined();
    await expect(repo.update('missing', { name: 'x' })).rejects.toThrow(/vanished/);
  });

  it('refuses a second site with a key already taken, so two nodes never share one', async () => {
    const repo = sitesRepository(engine());
    await repo.insert(site('a'));
    await expect(repo.insert(site('b', { key: 'key-a' }))).rejects.toThrow();
    expect((await repo.all()).map((s) => s.id)).toEqual(['a']);
  });

  it('fills an identity secret only where there is none, so two nodes filling at once agree on the first', async () => {
    const repo = sitesRepository(engine());
    await repo.insert(site('old', { identitySecret: '' }));
    const [first, second] = await Promise.all([repo.fillIdentitySecret('old', 'one'), repo.fillIdentitySecret('old', 'two')]);
    expect(first?.identitySecret).toBe(second?.identitySecret);
    expect(['one', 'two']).toContain(first?.identitySecret);
    expect((await repo.fillIdentitySecret('old', 'three'))?.identitySecret).toBe(first?.identitySecret);
    expect(await repo.fillIdentitySecret('missing', 'x')).toBeUndefined();
  });

  it('keeps one value per meta key, the last written', async () => {
    const repo = sitesRepository(engine());
    expect(await repo.getMeta('demo_site_id')).toBeUndefined();
    await repo.setMeta('demo_site_id', 'a');
    await repo.setMeta('demo_site_id', 'b');
    expect(await repo.getMeta('demo_site_id')).toBe('b');
  });
});
