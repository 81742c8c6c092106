export { buildApp, type App, type Services } from './app.ts';
export { loadConfig, type Config } from './config.ts';
export { seedDemo, DEMO_AGENT_EMAIL } from './modules/demo-shop/index.ts';
