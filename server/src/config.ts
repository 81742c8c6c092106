import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** SQLite file; ':memory:' is not supported because WAL needs a file. */
  databaseFile: string;
  /** Where the widget bundle is read from at start-up. */
  widgetFile: string;
  /** Where the console's built single-page app lives. */
  consoleDir: string;
  /** Extra origins allowed to open agent sockets besides the server's own. */
  consoleOrigins: string[];
  /** Set when the server sits behind TLS, so cookies are marked Secure. */
  secureCookies: boolean;
  /** Trust X-Forwarded-* headers (only behind a reverse proxy you run). */
  trustProxy: boolean;
  sessionDays: number;
  /** How long an agent with no console open still counts as online (a reload), before its chats are requeued. */
  offlineGraceMs: number;
  /** A visitor with no open tab stays in the live list this long (the next page is on its way). */
  visitorLeaveGraceMs: number;
  /** Live-list changes are told to consoles at most this often. */
  liveListFlushMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Serve the demo shop under /shop/. */
  demoShop: boolean;
  /** What an assigned ticket counts for against an agent's capacity (a live chat counts 1). */
  ticketWeight: number;
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Reads the configuration from environment variables; README lists them. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseFile: resolve(env.DATABASE_FILE ?? join(dataDir, 'mostrador.sqlite')),
    widgetFile: env.WIDGET_FILE ?? join(packageDir('@mostrador/widget'), 'dist', 'widget.js'),
    consoleDir: env.CONSOLE_DIR ?? join(packageDir('@mostrador/console'), 'dist'),
    consoleOrigins: (env.CONSOLE_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    sessionDays: Number(env.SESSION_DAYS ?? 30),
    offlineGraceMs: Number(env.OFFLINE_GRACE_SECONDS ?? 30) * 1000,
    visitorLeaveGraceMs: Number(env.VISITOR_LEAVE_GRACE_SECONDS ?? 15) * 1000,
    liveListFlushMs: 1000,
    logLevel: (env.LOG_LEVEL as Config['logLevel'] | undefined) ?? 'info',
    demoShop: env.DEMO_SHOP !== 'false',
    ticketWeight: ticketWeightOf(env.TICKET_WEIGHT),
  };
}

/** Between 0 and 1; anything else falls back to one half. */
function ticketWeightOf(value: string | undefined): number {
  const weight = Number(value ?? 0.5);
  return Number.isFinite(weight) && weight >= 0 && weight <= 1 ? weight : 0.5;
}

export function dataDirOf(config: Config): string {
  return dirname(config.databaseFile);
}
