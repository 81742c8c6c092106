import { describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { loadConfig, loadMail } from './config.ts';

/** The lines naming each variable that does not parse, in the error a start throws. */
function problemsOf(start: () => unknown): string[] {
  try {
    start();
    return [];
  } catch (error) {
    return (error as Error).message.split('\n').slice(1);
  }
}

describe('the configuration', () => {
  it('has working defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      secureCookies: false,
      trustProxy: false,
      sessionDays: 30,
      offlineGraceMs: 30_000,
      logLevel: 'info',
      demoShop: true,
      demoPassword: null,
      ticketWeight: 0.5,
      groupCommitIntervalMs: 1,
      retentionBatchRows: 500,
    });
    expect(config.mail).toMatchObject({ smtp: null, publicUrl: 'http://localhost:3000', maxAttempts: 8 });
    expect(config.inboundMail.smtpPort).toBeNull();
    expect(config.limits.visitorMessages).toEqual({ burst: 10, perSecond: 1 });
    expect(config.limits.visitorUploadMbPerIp).toEqual({ burst: 200, perSecond: 0.05 });
    expect(config.attachments.s3).toBeNull();
    expect(config.shutdownDrainMs).toBe(0);
  });

  it('keeps files in an S3 bucket once one is named, with the key pair whole or not at all, never shown in the error', () => {
    const bucket = {
      ATTACHMENTS_S3_BUCKET: 'botiga-fitxers',
      ATTACHMENTS_S3_ENDPOINT: 'https://s3.example',
      ATTACHMENTS_S3_FORCE_PATH_STYLE: 'TRUE',
    };
    expect(loadConfig(bucket).attachments.s3).toEqual({
      bucket: 'botiga-fitxers',
      prefix: '',
      endpoint: 'https://s3.example',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: null,
    });
    const pair = { ATTACHMENTS_S3_ACCESS_KEY_ID: 'AKIA1', ATTACHMENTS_S3_SECRET_ACCESS_KEY: 's3cr3t-value' };
    expect(loadConfig({ ...bucket, ...pair }).attachments.s3?.credentials).toEqual({
      accessKeyId: 'AKIA1',
      secretAccessKey: 's3cr3t-value',
    });
    const half = () => loadConfig({ ...bucket, ATTACHMENTS_S3_SECRET_ACCESS_KEY: 's3cr3t-value' });
    expect(half).toThrow('ATTACHMENTS_S3_ACCESS_KEY_ID and ATTACHMENTS_S3_SECRET_ACCESS_KEY go together');
    expect(half).not.toThrow('s3cr3t-value');
  });

  it('reads each kind of value: numbers with units, flags in any case, trimmed text, secrets as written', () => {
    const config = loadConfig({
      PORT: '8080',
      OFFLINE_GRACE_SECONDS: '2.5',
      SECURE_COOKIES: 'TRUE',
      DEMO_SHOP: 'false',
      LOG_LEVEL: 'Warn',
      CONSOLE_ORIGINS: ' https://a.example , https://b.example ,',
      DEMO_PASSWORD: ' spaced pass ',
      GROUP_COMMIT_INTERVAL_MS: '4',
      LIMIT_AGENT_EVENTS_BURST: '0',
      SMTP_HOST: ' smtp.example ',
      SMTP_SECURE: 'true',
    });
    expect(config).toMatchObject({
      port: 8080,
      offlineGraceMs: 2500,
      secureCookies: true,
      demoShop: false,
      logLevel: 'warn',
      consoleOrigins: ['https://a.example', 'https://b.example'],
      demoPassword: ' spaced pass ',
      groupCommitIntervalMs: 4,
    });
    expect(config.limits.agentEvents.burst).toBe(0);
    expect(config.mail.smtp).toEqual({ host: 'smtp.example', port: 465, secure: true, user: null, pass: null });
    expect(config.mail.publicUrl).toBe('http://localhost:8080');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', SESSION_DAYS: ' ', MAIL_FROM: '' })).toMatchObject({
      port: 3000,
      sessionDays: 30,
      mail: { from: 'Mostrador <no-reply@localhost>' },
    });
  });

  it('stops the start naming every variable that does not parse, and what it must be', () => {
    const start = () =>
      loadConfig({
        PORT: 'abc',
        TICKET_WEIGHT: '2',
        SECURE_COOKIES: 'yes',
        LOG_LEVEL: 'loud',
        RETENTION_BATCH_ROWS: '2.5',
        LIMIT_VISITOR_MESSAGES_BURST: '-1',
        INBOUND_SMTP_PORT: '70000',
      });
    expect(start).toThrowError(/PORT must be a whole number from 0 to 65535, not "abc"/);
    expect(problemsOf(start)).toEqual([
      '  PORT must be a whole number from 0 to 65535, not "abc"',
      '  SECURE_COOKIES must be true or false, not "yes"',
      '  LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"',
      '  TICKET_WEIGHT must be a number from 0 to 1, not "2"',
      '  RETENTION_BATCH_ROWS must be a whole number of at least 1, not "2.5"',
      '  INBOUND_SMTP_PORT must be a whole number from 0 to 65535, not "70000"',
      '  LIMIT_VISITOR_MESSAGES_BURST must be a number of at least 0, not "-1"',
    ]);
  });

  it('never shows the value of a password or a key in that message', () => {
    // Secrets are free text and always parse; a malformed SMTP port beside them is named without them.
    expect(() => loadConfig({ SMTP_PASS: 'hunter2', MAILGUN_SIGNING_KEY: 'key-123', SMTP_PORT: 'x' })).toThrowError(
      /^The configuration does not parse:\n {2}SMTP_PORT must be a whole number from 0 to 65535, not "x"$/,
    );
  });

  it('reads mail settings alone for tests and tools, with the same rules', () => {
    expect(loadMail({ MAIL_REPLY_DOMAIN: ' reply.example ' }, 4000)).toMatchObject({
      replyDomain: 'reply.example',
      publicUrl: 'http://localhost:4000',
    });
    expect(() => loadMail({ MAIL_MAX_ATTEMPTS: '0' }, 4000)).toThrowError(/MAIL_MAX_ATTEMPTS must be a whole number of at least 1/);
  });

  it('runs one process on SQLite with no cluster variables, named by host and process', () => {
    const config = loadConfig({});
    expect([config.databaseUrl, config.redisUrl]).toEqual([null, null]);
    expect(config.nodeId).toBe(`${hostname()}-${process.pid}`);
    expect(config.clusterName).toBe('mostrador');
  });

  it('reads the cluster variables: PostgreSQL and Redis URLs and a node name', () => {
    const config = loadConfig({
      DATABASE_URL: ' postgresql://mostrador@db.example:5432/mostrador ',
      REDIS_URL: 'rediss://cache.example:6380/2',
      NODE_ID: 'node-a.eu:1',
      CLUSTER_NAME: 'shop-staging',
    });
    expect([config.databaseUrl, config.redisUrl, config.nodeId, config.clusterName]).toEqual([
      'postgresql://mostrador@db.example:5432/mostrador',
      'rediss://cache.example:6380/2',
      'node-a.eu:1',
      'shop-staging',
    ]);
  });

  it('refuses a database URL that is not PostgreSQL, a Redis URL that is not Redis, and a node name unsafe in a key, never showing either URL', () => {
    const start = () => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/shop', REDIS_URL: 'http://:s3cret@cache', NODE_ID: 'node a' });
    expect(problemsOf(start)).toEqual([
      '  DATABASE_URL must be a URL like postgres://user@host:5432/mostrador',
      '  REDIS_URL must be a URL like redis://127.0.0.1:6379',
      '  NODE_ID must be 1 to 64 letters, digits, dots, colons, dashes or underscores, not "node a"',
    ]);
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrowError(/REDIS_URL must be a URL like redis:\/\/127\.0\.0\.1:6379$/);
    expect(() => loadConfig({ NODE_ID: 'n'.repeat(65) })).toThrowError(/NODE_ID must be 1 to 64/);
    expect(() => loadConfig({ CLUSTER_NAME: 'shop|prod' })).toThrowError(/CLUSTER_NAME must be 1 to 64/);
  });
});
