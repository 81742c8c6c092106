import { z } from 'zod';

/**
 * Every environment variable the server reads, parsed once, here. A value
 * that does not parse stops the start with the variable's name and what it
 * must be; nothing becomes `NaN` or falls back silently. README's
 * Configuration section lists each one.
 */

const isBlank = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === '';

interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

function ruleText({ min = 0, max, integer }: NumberRule): string {
  const kind = integer ? 'a whole number' : 'a number';
  return max === undefined ? `must be ${kind} of at least ${min}` : `must be ${kind} from ${min} to ${max}`;
}

function parseNumber(raw: string, rule: NumberRule): number | null {
  const value = Number(raw.trim());
  const { min = 0, max = Number.POSITIVE_INFINITY, integer = false } = rule;
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) return null;
  return value;
}

/** A number with a default when unset or empty. */
const number = (fallback: number, rule: NumberRule = {}) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (isBlank(raw)) return fallback;
      const value = parseNumber(raw, rule);
      if (value === null) ctx.addIssue({ code: 'custom', message: ruleText(rule) });
      return value ?? fallback;
    });

/** A number that may be left unset (null). */
const optionalNumber = (rule: NumberRule) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (isBlank(raw)) return null;
      const value = parseNumber(raw, rule);
      if (value === null) ctx.addIssue({ code: 'custom', message: ruleText(rule) });
      return value;
    });

const PORT_RULE: NumberRule = { min: 0, max: 65_535, integer: true };

/** `true` or `false`, in any case; anything else is refused rather than read as false. */
const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (isBlank(raw)) return fallback;
      const word = raw.trim().toLowerCase();
      if (word !== 'true' && word !== 'false') ctx.addIssue({ code: 'custom', message: 'must be true or false' });
      return word === 'true';
    });

/** Free text, trimmed; null when unset or empty. */
const text = z
  .string()
  .optional()
  .transform((raw) => (isBlank(raw) ? null : raw.trim()));

/** Free text kept as written (a password may start or end with a space); null when unset or empty. */
const secret = z
  .string()
  .optional()
  .transform((raw) => (raw === undefined || raw === '' ? null : raw));

/** A URL whose scheme is one of `schemes`; null when unset or empty. The value is never echoed (it may hold a password). */
const urlOf = (schemes: readonly string[], example: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (isBlank(raw)) return null;
      const value = raw.trim();
      let url: URL | null = null;
      try {
        url = new URL(value);
      } catch {
        url = null;
      }
      if (!url || !schemes.includes(url.protocol) || !url.hostname) {
        ctx.addIssue({ code: 'custom', message: `must be a URL like ${example}` });
        return null;
      }
      return value;
    });

/** A node's or a cluster's name: short, and safe in a Redis key and a log line. */
const nodeId = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (isBlank(raw)) return null;
    const value = raw.trim();
    if (!/^[A-Za-z0-9._:-]{1,64}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be 1 to 64 letters, digits, dots, colons, dashes or underscores' });
    }
    return value;
  });

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const logLevel = z
  .string()
  .optional()
  .transform((raw, ctx): (typeof LOG_LEVELS)[number] => {
    if (isBlank(raw)) return 'info';
    const level = LOG_LEVELS.find((l) => l === raw.trim().toLowerCase());
    if (!level) ctx.addIssue({ code: 'custom', message: `must be one of ${LOG_LEVELS.join(', ')}` });
    return level ?? 'info';
  });

export const EnvSchema = z.object({
  PORT: number(3000, PORT_RULE),
  HOST: text,
  DATA_DIR: text,
  DATABASE_FILE: text,
  DATABASE_URL: urlOf(['postgres:', 'postgresql:'], 'postgres://user@host:5432/mostrador'),
  REDIS_URL: urlOf(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  NODE_ID: nodeId,
  CLUSTER_NAME: nodeId,
  WIDGET_FILE: text,
  CONSOLE_DIR: text,
  CONSOLE_ORIGINS: text,
  SECURE_COOKIES: flag(false),
  TRUST_PROXY: flag(false),
  SESSION_DAYS: number(30, { min: 1 }),
  OFFLINE_GRACE_SECONDS: number(30),
  VISITOR_LEAVE_GRACE_SECONDS: number(15),
  LOG_LEVEL: logLevel,
  DEMO_SHOP: flag(true),
  DEMO_PASSWORD: secret,
  TICKET_WEIGHT: number(0.5, { min: 0, max: 1 }),
  RETENTION_INTERVAL_MINUTES: number(60),
  RETENTION_BATCH_ROWS: number(500, { min: 1, integer: true }),
  STATUS_SWEEP_SECONDS: number(15),
  GROUP_COMMIT_INTERVAL_MS: number(1),
  SHUTDOWN_DRAIN_SECONDS: number(0, { max: 600 }),
  ATTACHMENTS_DIR: text,
  ATTACHMENT_LINK_SECONDS: number(300, { min: 1 }),
  ATTACHMENT_SIGNING_KEY: text,
  ATTACHMENTS_S3_BUCKET: text,
  ATTACHMENTS_S3_PREFIX: text,
  ATTACHMENTS_S3_ENDPOINT: text,
  ATTACHMENTS_S3_REGION: text,
  ATTACHMENTS_S3_FORCE_PATH_STYLE: flag(false),
  ATTACHMENTS_S3_ACCESS_KEY_ID: secret,
  ATTACHMENTS_S3_SECRET_ACCESS_KEY: secret,
  THUMBNAIL_MAX_MEGAPIXELS: number(50, { min: 1, max: 268 }),
  INBOUND_SMTP_PORT: optionalNumber(PORT_RULE),
  INBOUND_SMTP_HOST: text,
  INBOUND_SMTP_TLS_KEY: text,
  INBOUND_SMTP_TLS_CERT: text,
  INBOUND_MAX_MEGABYTES: number(10, { min: 1 }),
  MAILGUN_SIGNING_KEY: text,
  SMTP_HOST: text,
  SMTP_PORT: optionalNumber(PORT_RULE),
  SMTP_SECURE: flag(false),
  SMTP_USER: secret,
  SMTP_PASS: secret,
  MAIL_REPLY_DOMAIN: text,
  MAIL_FROM: text,
  PUBLIC_URL: text,
  MAIL_REPLY_DELAY_MINUTES: number(2),
  MAIL_WORKER_INTERVAL_SECONDS: number(15),
  MAIL_RETRY_BASE_SECONDS: number(30),
  MAIL_MAX_ATTEMPTS: number(8, { min: 1, integer: true }),
  LIMIT_LOGIN_PER_IP_PER_MINUTE: number(30),
  LIMIT_LOGIN_FREE_FAILURES: number(5),
  LIMIT_LOGIN_BASE_DELAY_SECONDS: number(1),
  LIMIT_LOGIN_MAX_DELAY_SECONDS: number(120),
  LIMIT_LOGIN_FORGET_MINUTES: number(15),
  LIMIT_NEW_VISITORS_PER_IP_BURST: number(60),
  LIMIT_NEW_VISITORS_PER_IP_PER_SECOND: number(1),
  LIMIT_CONNECTIONS_PER_IP: number(200),
  LIMIT_VISITOR_MESSAGES_BURST: number(10),
  LIMIT_VISITOR_MESSAGES_PER_SECOND: number(1),
  LIMIT_VISITOR_TYPING_BURST: number(20),
  LIMIT_VISITOR_TYPING_PER_SECOND: number(5),
  LIMIT_VISITOR_EVENTS_BURST: number(30),
  LIMIT_VISITOR_EVENTS_PER_SECOND: number(3),
  LIMIT_AGENT_MESSAGES_BURST: number(30),
  LIMIT_AGENT_MESSAGES_PER_SECOND: number(5),
  LIMIT_AGENT_EVENTS_BURST: number(300),
  LIMIT_AGENT_EVENTS_PER_SECOND: number(50),
  LIMIT_VISITOR_UPLOAD_MB_PER_IP_BURST: number(200),
  LIMIT_VISITOR_UPLOAD_MB_PER_IP_PER_SECOND: number(0.05),
});

export type Env = z.output<typeof EnvSchema>;

/** Values that may be shown in an error: never a password or a key, even a malformed one, nor a URL that may hold one. */
const SHOWN = /^(?!.*(PASS|KEY|SECRET|TOKEN|DATABASE_URL|REDIS_URL)).*$/;

/** Parses the environment; throws one error naming every variable that does not parse. */
export function parseEnv(env: NodeJS.ProcessEnv): Env {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    const raw = env[name];
    const shown = SHOWN.test(name) && typeof raw === 'string' ? `, not "${raw}"` : '';
    return `  ${name} ${issue.message}${shown}`;
  });
  throw new Error(`The configuration does not parse:\n${lines.join('\n')}`);
}
