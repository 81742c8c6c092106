import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildTestApp, siteWithAdminAndAgent } from '../../testing/harness.ts';

let built: Awaited<ReturnType<typeof buildTestApp>>;
beforeEach(async () => {
  built = await buildTestApp();
});
afterEach(async () => built.cleanup());

it('gives admins the site’s NPS from its answers, and plain agents a 403', async () => {
  const { app } = built;
  const { site, admin, plain } = await siteWithAdminAndAgent(app);
  await app.services.sites.update(site.id, { npsEnabled: true });
  for (const score of [10, 9, 7, 3]) {
    const visitor = (await app.services.visitors.create(site.id)).visitor;
    expect((await app.services.ratings.answerNps(site.id, visitor.id, score)).ok).toBe(true);
  }
  const report = await app.inject({ method: 'GET', url: '/api/admin/reports/nps', cookies: admin });
  expect(report.statusCode).toBe(200);
  expect(report.json()).toEqual({ responses: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 });
  const empty = await app.inject({ method: 'GET', url: '/api/admin/reports/nps?from=0&to=1', cookies: admin });
  expect(empty.json()).toEqual({ responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null });
  expect((await app.inject({ method: 'GET', url: '/api/admin/reports/nps', cookies: plain })).statusCode).toBe(403);
});
