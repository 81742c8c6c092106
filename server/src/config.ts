import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseEnv, type Env, type LOG_LEVELS } from './config-env.ts';
import type { Rate } from './realtime/token-bucket.ts';

export type { Rate } from './realtime/token-bucket.ts';

export interface Config {
  port: number;
  host: string;
  /** SQLite file; ':memory:' is not supported because WAL needs a file. */
  databaseFile: string;
  /** PostgreSQL instead of SQLite (cluster mode); null: SQLite in `databaseFile`, the default. */
  databaseUrl: string | null;
  /** Redis for a cluster's realtime fan-out and shared ephemeral state; null: one process, all in memory. */
  redisUrl: string | null;
  /** This node's name in a cluster (its own messages on the cluster bus, its entries in Redis). */
  nodeId: string;
  /**
   * What a cluster's keys, channels and stream in Redis start with, so that
   * several clusters (production and staging) may share one Redis.
   */
  clusterName: string;
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
  logLevel: (typeof LOG_LEVELS)[number];
  /** Serve the demo shop under /shop/. */
  demoShop: boolean;
  /** The demo agent's password on the first run; null: a random one, written to DATA_DIR/demo-login.txt. */
  demoPassword: string | null;
  /** What an assigned ticket counts for against an agent's capacity (a live chat counts 1). */
  ticketWeight: number;
  /** The least time between two group commits: under load, more writes share one fsync. */
  groupCommitIntervalMs: number;
  /** After SIGTERM, how long the node stays up unready (serving the clients it has) before it closes: a load balancer's time to notice. */
  shutdownDrainMs: number;
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
  /** The most pixels a picture may have for a thumbnail to be made (a decompression bomb is refused undecoded). */
  thumbMaxInputPixels: number;
  /** Files in an S3-compatible bucket instead of `dir` (cluster mode needs one every node reaches); null: the local disk. */
  s3: AttachmentsS3Config | null;
}

export interface AttachmentsS3Config {
  bucket: string;
  /** Put before every object's key, so one bucket may hold other things too. */
  prefix: string;
  /** An S3-compatible service's address (MinIO, Ceph, R2…); null: Amazon S3. */
  endpoint: string | null;
  region: string;
  forcePathStyle: boolean;
  /** null: the AWS SDK's own chain (AWS_* variables, a shared profile, the machine's role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
}

/** The bucket's settings, when one is named; half a key pair stops the start rather than falling back silently. */
function attachmentsS3Of(env: Env): AttachmentsS3Config | null {
  if (!env.ATTACHMENTS_S3_BUCKET) return null;
  const id = env.ATTACHMENTS_S3_ACCESS_KEY_ID;
  const secret = env.ATTACHMENTS_S3_SECRET_ACCESS_KEY;
  if (!id !== !secret) {
    throw new Error('The configuration does not parse:\n  ATTACHMENTS_S3_ACCESS_KEY_ID and ATTACHMENTS_S3_SECRET_ACCESS_KEY go together');
  }
  return {
    bucket: env.ATTACHMENTS_S3_BUCKET,
    prefix: env.ATTACHMENTS_S3_PREFIX ?? '',
    endpoint: env.ATTACHMENTS_S3_ENDPOINT,
    region: env.ATTACHMENTS_S3_REGION ?? 'us-east-1',
    forcePathStyle: env.ATTACHMENTS_S3_FORCE_PATH_STYLE,
    credentials: id && secret ? { accessKeyId: id, secretAccessKey: secret } : null,
  };
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
  /** Shoppers' uploads per client IP, in megabytes (each file counts at least a quarter of one). */
  visitorUploadMbPerIp: Rate;
}

/** Reads the limits; defaults suit a shop's real traffic, including shoppers behind one NAT address. */
function limitsOf(env: Env): Limits {
  return {
    loginPerIpPerMinute: env.LIMIT_LOGIN_PER_IP_PER_MINUTE,
    loginFreeFailures: env.LIMIT_LOGIN_FREE_FAILURES,
    loginBaseDelayMs: env.LIMIT_LOGIN_BASE_DELAY_SECONDS * 1000,
    loginMaxDelayMs: env.LIMIT_LOGIN_MAX_DELAY_SECONDS * 1000,
    loginForgetMs: env.LIMIT_LOGIN_FORGET_MINUTES * 60_000,
    newVisitorsPerIp: { burst: env.LIMIT_NEW_VISITORS_PER_IP_BURST, perSecond: env.LIMIT_NEW_VISITORS_PER_IP_PER_SECOND },
    connectionsPerIp: env.LIMIT_CONNECTIONS_PER_IP,
    visitorMessages: { burst: env.LIMIT_VISITOR_MESSAGES_BURST, perSecond: env.LIMIT_VISITOR_MESSAGES_PER_SECOND },
    visitorTyping: { burst: env.LIMIT_VISITOR_TYPING_BURST, perSecond: env.LIMIT_VISITOR_TYPING_PER_SECOND },
    visitorEvents: { burst: env.LIMIT_VISITOR_EVENTS_BURST, perSecond: env.LIMIT_VISITOR_EVENTS_PER_SECOND },
    agentMessages: { burst: env.LIMIT_AGENT_MESSAGES_BURST, perSecond: env.LIMIT_AGENT_MESSAGES_PER_SECOND },
    agentEvents: { burst: env.LIMIT_AGENT_EVENTS_BURST, perSecond: env.LIMIT_AGENT_EVENTS_PER_SECOND },
    visitorUploadMbPerIp: { burst: env.LIMIT_VISITOR_UPLOAD_MB_PER_IP_BURST, perSecond: env.LIMIT_VISITOR_UPLOAD_MB_PER_IP_PER_SECOND },
  };
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/**
 * The configuration, from environment variables (README lists them). This is
 * the only place that reads `process.env`; a value that does not parse stops
 * the start with the variable's name.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = parseEnv(source);
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  return {
    port: env.PORT,
    host: env.HOST ?? '0.0.0.0',
    databaseFile: resolve(env.DATABASE_FILE ?? join(dataDir, 'mostrador.sqlite')),
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    nodeId: env.NODE_ID ?? `${hostname()}-${process.pid}`,
    clusterName: env.CLUSTER_NAME ?? 'mostrador',
    widgetFile: env.WIDGET_FILE ?? join(packageDir('@mostrador/widget'), 'dist', 'widget.js'),
    consoleDir: env.CONSOLE_DIR ?? join(packageDir('@mostrador/console'), 'dist'),
    consoleOrigins: (env.CONSOLE_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    secureCookies: env.SECURE_COOKIES,
    trustProxy: env.TRUST_PROXY,
    sessionDays: env.SESSION_DAYS,
    offlineGraceMs: env.OFFLINE_GRACE_SECONDS * 1000,
    visitorLeaveGraceMs: env.VISITOR_LEAVE_GRACE_SECONDS * 1000,
    liveListFlushMs: 1000,
    logLevel: env.LOG_LEVEL,
    demoShop: env.DEMO_SHOP,
    demoPassword: env.DEMO_PASSWORD,
    ticketWeight: env.TICKET_WEIGHT,
    groupCommitIntervalMs: env.GROUP_COMMIT_INTERVAL_MS,
    shutdownDrainMs: env.SHUTDOWN_DRAIN_SECONDS * 1000,
    retentionIntervalMs: env.RETENTION_INTERVAL_MINUTES * 60_000,
    retentionBatchRows: env.RETENTION_BATCH_ROWS,
    mail: mailOf(env, env.PORT),
    attachments: {
      dir: resolve(env.ATTACHMENTS_DIR ?? join(dataDir, 'attachments')),
      linkTtlMs: env.ATTACHMENT_LINK_SECONDS * 1000,
      signingKey: env.ATTACHMENT_SIGNING_KEY,
      thumbMaxInputPixels: env.THUMBNAIL_MAX_MEGAPIXELS * 1_000_000,
      s3: attachmentsS3Of(env),
    },
    inboundMail: {
      smtpPort: env.INBOUND_SMTP_PORT,
      smtpHost: env.INBOUND_SMTP_HOST ?? '0.0.0.0',
      smtpTlsKeyFile: env.INBOUND_SMTP_TLS_KEY,
      smtpTlsCertFile: env.INBOUND_SMTP_TLS_CERT,
      maxBytes: env.INBOUND_MAX_MEGABYTES * 1024 * 1024,
      mailgunSigningKey: env.MAILGUN_SIGNING_KEY,
    },
    statusSweepMs: env.STATUS_SWEEP_SECONDS * 1000,
    limits: limitsOf(env),
  };
}

/** Reads outgoing mail's settings; with no SMTP_HOST, mail stays in the local mailbox. */
export function loadMail(source: NodeJS.ProcessEnv, port: number): MailConfig {
  return mailOf(parseEnv(source), port);
}

function mailOf(env: Env, port: number): MailConfig {
  const host = env.SMTP_HOST;
  const secure = env.SMTP_SECURE;
  return {
    replyDomain: env.MAIL_REPLY_DOMAIN,
    smtp: host ? { host, port: env.SMTP_PORT ?? (secure ? 465 : 587), secure, user: env.SMTP_USER, pass: env.SMTP_PASS } : null,
    from: env.MAIL_FROM ?? 'Mostrador <no-reply@localhost>',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    replyDelayMs: env.MAIL_REPLY_DELAY_MINUTES * 60_000,
    workerIntervalMs: env.MAIL_WORKER_INTERVAL_SECONDS * 1000,
    retryBaseMs: env.MAIL_RETRY_BASE_SECONDS * 1000,
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
  };
}

export function dataDirOf(config: Config): string {
  return dirname(config.databaseFile);
}
