import { randomBytes } from 'node:crypto';
import type { AgentsService } from '../agents/index.ts';
import type { CannedRepliesService } from '../canned-replies/index.ts';
import type { DepartmentsService } from '../departments/index.ts';
import { SELF_ORIGIN, type SiteRow, type SitesService } from '../sites/index.ts';
import type { TagsService } from '../tags/index.ts';
import { defaultRules, type DefaultRuleTexts, type TriggersService } from '../triggers/index.ts';
import type { ProductCatalog } from '../visitors/index.ts';
import { DEMO_PRODUCTS, demoProductCard, demoProductUrl } from './catalog.ts';
import { addDemoHistory, type DemoHistoryServices } from './demo-history.ts';
import { demoCannedReplies, DEMO_TAGS } from './demo-toolbox.ts';

export const DEMO_AGENT_EMAIL = 'demo@mostrador.local';

/** The demo shop speaks Catalan, and shows its invitations: `pnpm start` brings one within a minute. */
const DEMO_TRIGGER_TEXTS: DefaultRuleTexts = {
  productHelp: {
    name: 'Ajuda a la fitxa de producte',
    message: 'Hola! Tens cap dubte sobre aquest producte? Som aquí per ajudar-te.',
  },
  cartExit: {
    name: 'Marxa amb la cistella plena',
    message: 'Abans de marxar: et podem ajudar a acabar la comanda?',
  },
};

export interface DemoSeed {
  site: SiteRow;
  email: string;
  /** Set only on the run that created the account; it is never stored in clear. */
  password: string | null;
}

/**
 * First run only: the demo shop's site and one admin agent to answer it, and four weeks of its past
 * (demo-history.ts) so the reports and the closed inbox are not empty. `shopUrl` is where shoppers reach the
 * demo shop (`PUBLIC_URL`): its products' pages are there.
 */
export async function seedDemo(
  services: {
    sites: SitesService;
    agents: AgentsService;
    departments: DepartmentsService;
    triggers: TriggersService;
    canned: CannedRepliesService;
    tags: TagsService;
    catalog: Pick<ProductCatalog, 'stock'>;
  } & DemoHistoryServices,
  options: {
    shopUrl: string;
    password?: string | undefined;
    /** Add the four weeks of demo history (the default); a test that counts its own chats in Reports leaves it out. */
    history?: boolean;
  },
): Promise<DemoSeed> {
  const existing = services.sites.demoSite();
  if (existing) return { site: existing, email: DEMO_AGENT_EMAIL, password: null };

  const site = await services.sites.create({ name: 'Botiga Mostrador', allowedOrigins: [SELF_ORIGIN] });
  await services.sites.markDemoSite(site.id);
  // The catalogue fills from the pages shoppers view; this shop is Mostrador's own, so it stocks its products
  // at once, as their pages show them, and a reply can carry one before anyone has browsed.
  await services.catalog.stock(
    site.id,
    DEMO_PRODUCTS.map((product) => demoProductCard(options.shopUrl, product)),
  );
  // The site's starting rules, in the shop's language and switched on.
  for (const rule of services.triggers.list(site.id)) await services.triggers.delete(site.id, rule.id);
  await services.triggers.createAll(site.id, defaultRules(DEMO_TRIGGER_TEXTS, true));
  const password = options.password ?? randomBytes(9).toString('base64url');
  const agent = await services.agents.create({
    siteId: site.id,
    email: DEMO_AGENT_EMAIL,
    name: 'Laia',
    role: 'admin',
    password,
  });
  const departmentIds = [
    await services.departments.create(site.id, { slug: 'vendes', name: 'Vendes', routing: 'auto' }),
    await services.departments.create(site.id, { slug: 'comandes', name: 'Comandes i devolucions', routing: 'auto' }),
  ].flatMap((d) => (d.ok ? [d.data.id] : []));
  if (agent.ok) {
    await services.departments.setMemberships(site.id, agent.data.id, departmentIds);
    const actor = { siteId: site.id, agentId: agent.data.id, role: 'admin' as const, departmentIds };
    await services.canned.createMany(
      actor,
      demoCannedReplies((slug) => demoProductUrl(options.shopUrl, slug)),
    );
  }
  for (const tag of DEMO_TAGS) await services.tags.create(site.id, tag);
  if (agent.ok && options.history !== false)
    await addDemoHistory(services, { site, admin: { id: agent.data.id, name: agent.data.name }, shopUrl: options.shopUrl });
  return { site, email: DEMO_AGENT_EMAIL, password };
}
