import type { FastifyInstance } from 'fastify';
import type { InboundMailConfig } from '../../config.ts';
import { InboundMailService, type InboundMailPorts } from './inbound-mail.service.ts';
import { mailgunRoutes } from './mailgun.routes.ts';
import { ReplyText } from './reply-text.ts';
import { WebhookTokensRepository } from './webhook-tokens.repository.ts';

export interface InboundMailModuleDeps {
  app: FastifyInstance;
  replyDomain: string | null;
  config: Pick<InboundMailConfig, 'mailgunSigningKey' | 'maxBytes'>;
  ports: Omit<InboundMailPorts, 'log'>;
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
        tokens: new WebhookTokensRepository(app.db),
        maxBytes: config.maxBytes,
      });
    },
  };
}
