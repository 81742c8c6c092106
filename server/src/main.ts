import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirOf, loadConfig } from './config.ts';
import { listenForMail } from './modules/inbound-mail/index.ts';
import { drainAndClose } from './shutdown.ts';
import { startNode } from './start-node.ts';

const config = loadConfig();
const { app, seed } = await startNode(config);
const loginFile = join(dataDirOf(config), 'demo-login.txt');
if (seed.password) {
  writeFileSync(loginFile, `${seed.email}\n${seed.password}\n`, { mode: 0o600 });
}

await app.listen({ port: config.port, host: config.host });
// Shoppers' email replies, for self-hosters who point their reply domain's MX here.
const { smtpPort, smtpHost, maxBytes, smtpTlsKeyFile, smtpTlsCertFile } = config.inboundMail;
const smtp =
  smtpPort === null
    ? null
    : await listenForMail(app.services.inboundMail, {
        port: smtpPort,
        host: smtpHost,
        maxBytes,
        tls: smtpTlsKeyFile && smtpTlsCertFile ? { key: readFileSync(smtpTlsKeyFile), cert: readFileSync(smtpTlsCertFile) } : undefined,
        log: (err) => app.log.error({ err }, 'inbound SMTP failed'),
      });
if (smtp) app.log.info({ port: smtp.port, replyDomain: config.mail.replyDomain }, 'inbound SMTP listening');
if (smtp && !config.mail.replyDomain) app.log.warn('INBOUND_SMTP_PORT is set but MAIL_REPLY_DOMAIN is not: every recipient is refused');
const base = `http://localhost:${config.port}`;
console.log(`
  Mostrador is running.
  Demo shop:  ${base}/shop/
  Console:    ${base}/console/
  Login:      ${seed.email} / ${seed.password ?? `(see ${loginFile})`}
  Script tag: <script async src="${base}/widget.js" data-site="${seed.site.key}"></script>
`);

let closing = false;
// A second signal while draining: stop waiting for the balancer, close now.
const hurry = new AbortController();
async function shutdown(signal: string) {
  if (closing) return hurry.abort();
  closing = true;
  app.log.info({ signal }, 'shutting down');
  const timer = setTimeout(() => process.exit(1), config.shutdownDrainMs + 10_000);
  timer.unref();
  await drainAndClose(app, signal === 'SIGTERM' ? config.shutdownDrainMs : 0, smtp ? [() => smtp.close()] : [], hurry.signal);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
