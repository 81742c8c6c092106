import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Rate } from './realtime/token-bucket.ts';

export type { Rate } from './realtime/token-bucket.ts';

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
  /** How often old conversations and page trails are deleted, per each site's retention setting; 0: never. */
  retentionIntervalMs: number;
  /** How often snoozes that ran out are woken and queued chats nobody can answer become tickets; 0: only at start. */
  statusSweepMs: number;
  /** The most rows one retention transaction deletes, so the message path never waits long. */
  retentionBatchRows: number;
  mail: MailConfig;
  attachments: AttachmentsConfig;
  inboundMail: InboundMailConfig;
  limits: Limits;
}

/** How shoppers' email replies come in; README's "Replies by email" section lists each variable. */
export interface InboundMailConfig {
  /** The SMTP listener's port; null: no listener. */
  smtpPort: number | null;
  smtpHost: string;
  /** PEM files for STARTTLS; null: smtp-server's own self-signed pair, which opportunistic TLS between mail servers accepts. */
  smtpTlsKeyFile: string | null;
  smtpTlsCertFile: string | null;
  /** The largest message the listener takes (SIZE), and the webhook's largest body. */
  maxBytes: number;
  /** Mailgun's HTTP webhook signing key; null: the Mailgun webhook answers 404. */
  mailgunSigningKey: string | null;
}

/** Files in conversations; README's "Attachments" section lists each variable. */
export interface AttachmentsConfig {
  /** Where the local disk storage keeps files (random names); DATA_DIR/attachments by default. */
  dir: string;
  /** How long a signed file link lives. */
  linkTtlMs: number;
  /** The key links are signed with; null: one made at first start and kept in the database. */
  signingKey: string | null;
}

/** Outgoing mail: agents' replies to shoppers who left, and transcripts; README's "Replies by email" section and Configuration list each variable. */
export interface MailConfig {
  /** The domain of reply-to addresses (reply+<token>@domain) that thread a shopper's answer back; null: no reply-to. */
  replyDomain: string | null;
  /** The SMTP server; null keeps every mail in the local mailbox the console shows to admins (the demo). */
  smtp: SmtpConfig | null;
  /** The From address. */
  from: string;
  /** Where the shop's "self" origin is reached from outside, for links in mail (the demo shop). */
  publicUrl: string;
  /** An agent reply the shopper has not seen for this long is emailed, with the replies after it. */
  replyDelayMs: number;
  /** How often the mail worker looks for replies to send and mail to deliver. */
  workerIntervalMs: number;
  /** The first retry's delay after a temporary failure; each further one doubles it. */
  retryBaseMs: number;
  /** Attempts before a temporary failure counts as permanent. */
  maxAttempts: number;
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  pass: string | null;
}

/** Abuse limits; README's "Limits" table lists each variable. */
export interface Limits {
  /** Login attempts per client IP per minute, whatever the email. */
  loginPerIpPerMinute: number;
  /** Wrong passwords for one email before each further one adds a delay. */
  loginFreeFailures: number;
  /** The first delay; each further failure doubles it, up to `loginMaxDelayMs`. */
  loginBaseDelayMs: number;
  /** The longest an email is ever held back: the real agent waits at most this long. */
  loginMaxDelayMs: number;
  /** An email's failures are forgotten after this long without another. */
  loginForgetMs: number;
  /** New visitor sessions (visitor rows) per client IP. */
  newVisitorsPerIp: Rate;
  /** Open sockets (widget and console) per client IP. */
  connectionsPerIp: number;
  /** Per visitor socket: `message:send`. */
  visitorMessages: Rate;
  /** Per visitor socket: `typing:set`. */
  visitorTyping: Rate;
  /** Per visitor socket: every other command. */
  visitorEvents: Rate;
  /** Per console socket: `message:send`. */
  agentMessages: Rate;
  /** Per console socket: every other command. */
  agentEvents: Rate;
}

function numberOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not "${raw}"`);
  return value;
}

function rateOf(env: NodeJS.ProcessEnv, name: string, burst: number, perSecond: number): Rate {
  return { burst: numberOf(env, `${name}_BURST`, burst), perSecond: numberOf(env, `${name}_PER_SECOND`, perSecond) };
}

/** Reads the limits; defaults suit a shop's real traffic, including shoppers behind one NAT address. */
export function loadLimits(env: NodeJS.ProcessEnv = process.env): Limits {
  return {
    loginPerIpPerMinute: numberOf(env, 'LIMIT_LOGIN_PER_IP_PER_MINUTE', 30),
    loginFreeFailures: numberOf(env, 'LIMIT_LOGIN_FREE_FAILURES', 5),
    loginBaseDelayMs: numberOf(env, 'LIMIT_LOGIN_BASE_DELAY_SECONDS', 1) * 1000,
    loginMaxDelayMs: numberOf(env, 'LIMIT_LOGIN_MAX_DELAY_SECONDS', 120) * 1000,
    loginForgetMs: numberOf(env, 'LIMIT_LOGIN_FORGET_MINUTES', 15) * 60_000,
    newVisitorsPerIp: rateOf(env, 'LIMIT_NEW_VISITORS_PER_IP', 60, 1),
    connectionsPerIp: numberOf(env, 'LIMIT_CONNECTIONS_PER_IP', 200),
    visitorMessages: rateOf(env, 'LIMIT_VISITOR_MESSAGES', 10, 1),
    visitorTyping: rateOf(env, 'LIMIT_VISITOR_TYPING', 20, 5),
    visitorEvents: rateOf(env, 'LIMIT_VISITOR_EVENTS', 30, 3),
    agentMessages: rateOf(env, 'LIMIT_AGENT_MESSAGES', 30, 5),
    agentEvents: rateOf(env, 'LIMIT_AGENT_EVENTS', 300, 50),
  };
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
    consoleOrigins: (env.CONSOLE_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    sessionDays: Number(env.SESSION_DAYS ?? 30),
    offlineGraceMs: Number(env.OFFLINE_GRACE_SECONDS ?? 30) * 1000,
    visitorLeaveGraceMs: Number(env.VISITOR_LEAVE_GRACE_SECONDS ?? 15) * 1000,
    liveListFlushMs: 1000,
    logLevel: (env.LOG_LEVEL as Config['logLevel'] | undefined) ?? 'info',
    demoShop: env.DEMO_SHOP !== 'false',
    ticketWeight: ticketWeightOf(env.TICKET_WEIGHT),
    retentionIntervalMs: numberOf(env, 'RETENTION_INTERVAL_MINUTES', 60) * 60_000,
    retentionBatchRows: numberOf(env, 'RETENTION_BATCH_ROWS', 500),
    mail: loadMail(env, Number(env.PORT ?? 3000)),
    attachments: {
      dir: resolve(env.ATTACHMENTS_DIR ?? join(dataDir, 'attachments')),
      linkTtlMs: numberOf(env, 'ATTACHMENT_LINK_SECONDS', 300) * 1000,
      signingKey: nonEmpty(env.ATTACHMENT_SIGNING_KEY),
    },
    inboundMail: {
      smtpPort: env.INBOUND_SMTP_PORT ? numberOf(env, 'INBOUND_SMTP_PORT', 0) : null,
      smtpHost: env.INBOUND_SMTP_HOST ?? '0.0.0.0',
      smtpTlsKeyFile: nonEmpty(env.INBOUND_SMTP_TLS_KEY),
      smtpTlsCertFile: nonEmpty(env.INBOUND_SMTP_TLS_CERT),
      maxBytes: numberOf(env, 'INBOUND_MAX_MEGABYTES', 10) * 1024 * 1024,
      mailgunSigningKey: nonEmpty(env.MAILGUN_SIGNING_KEY),
    },
    statusSweepMs: numberOf(env, 'STATUS_SWEEP_SECONDS', 15) * 1000,
    limits: loadLimits(env),
  };
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Reads outgoing mail's settings; with no SMTP_HOST, mail stays in the local mailbox. */
export function loadMail(env: NodeJS.ProcessEnv, port: number): MailConfig {
  const host = env.SMTP_HOST?.trim();
  const secure = env.SMTP_SECURE === 'true';
  return {
    replyDomain: env.MAIL_REPLY_DOMAIN?.trim() || null,
    smtp: host
      ? {
          host,
          port: numberOf(env, 'SMTP_PORT', secure ? 465 : 587),
          secure,
          user: env.SMTP_USER || null,
          pass: env.SMTP_PASS || null,
        }
      : null,
    from: env.MAIL_FROM?.trim() || 'Mostrador <no-reply@localhost>',
    publicUrl: (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, ''),
    replyDelayMs: numberOf(env, 'MAIL_REPLY_DELAY_MINUTES', 2) * 60_000,
    workerIntervalMs: numberOf(env, 'MAIL_WORKER_INTERVAL_SECONDS', 15) * 1000,
    retryBaseMs: numberOf(env, 'MAIL_RETRY_BASE_SECONDS', 30) * 1000,
    maxAttempts: numberOf(env, 'MAIL_MAX_ATTEMPTS', 8),
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
