import type { FastifyInstance } from 'fastify';
import type { InboundMailConfig } from '../../config.ts';
import type { Engine } from '../../db/engine.ts';
import { InboundMailService, type InboundMailPorts } from './inbound-mail.service.ts';
import { mailgunRoutes } from './mailgun.routes.ts';
import { ReplyText } from './reply-text.ts';
import type { WebhookTokensRepository } from './webhook-tokens.repository.ts';
import { PgWebhookTokensRepository } from './webhook-tokens.repository.pg.ts';
import { SqliteWebhookTokensRepository } from './webhook-tokens.repository.sqlite.ts';

export interface InboundMailModuleDeps {
  app: FastifyInstance;
  /** Where the Mailgun route notes the tokens it answered. */
  engine: Engine;
  replyDomain: string | null;
  config: Pick<InboundMailConfig, 'mailgunSigningKey' | 'maxBytes'>;
  ports: Omit<InboundMailPorts, 'log'>;
}

export function webhookTokensRepository(engine: Engine): WebhookTokensRepository {
  return engine.kind === 'sqlite' ? new SqliteWebhookTokensRepository(engine.db) : new PgWebhookTokensRepository(engine.db);
}

/** Shoppers' email replies, threaded back as their messages, with the Mailgun webhook; the reply-text worker closes with the app. */
export function createInboundMailModule(deps: InboundMailModuleDeps) {
  const { app, config } = deps;
  const replyText = new ReplyText();
  app.addHook('onClose', async () => replyText.close());
  const inboundMail = new InboundMailService(deps.replyDomain, replyText, {
    ...deps.ports,
    log: (fields) => app.log.info(fields, 'inbound mail not threaded'),
  });
  return {
    inboundMail,
    async routes(server: FastifyInstance): Promise<void> {
      await server.register(mailgunRoutes, {
        inbound: inboundMail,
        signingKey: config.mailgunSigningKey,
        tokens: webhookTokensRepository(deps.engine),
        maxBytes: config.maxBytes,
      });
    },
  };
}
