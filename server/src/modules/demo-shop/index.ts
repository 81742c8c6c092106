export { demoShopRoutes } from './demo-shop.routes.ts';
export { DEMO_PRODUCTS } from './catalog.ts';
export { seedDemo, DEMO_AGENT_EMAIL, type DemoSeed } from './demo-seed.ts';
export { DemoHistoryRepository } from './demo-history.repository.ts';
