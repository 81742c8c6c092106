export { buildApp, type App, type Services } from './app.ts';
export { loadConfig, loadMail, type Config } from './config.ts';
export { seedDemo, DEMO_AGENT_EMAIL, DEMO_PRODUCTS } from './modules/demo-shop/index.ts';
