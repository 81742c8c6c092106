export { InboundMailService, type InboundMailPorts } from './inbound-mail.service.ts';
export { listenForMail, type SmtpListener } from './smtp-listener.ts';
export { createInboundMailModule, type InboundMailModuleDeps } from './inbound-mail.module.ts';
