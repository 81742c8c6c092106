export { InboundMailService, type InboundMailPorts } from './inbound-mail.service.ts';
export { listenForMail, type SmtpListener } from './smtp-listener.ts';
export { mailgunRoutes } from './mailgun.routes.ts';
export { ReplyText } from './reply-text.ts';
export { WebhookTokensRepository } from './webhook-tokens.repository.ts';
export { createInboundMailModule, type InboundMailModuleDeps } from './inbound-mail.module.ts';
