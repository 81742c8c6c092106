export { bounceAddress, conversationIdFromAddress, replyAddress } from './reply-address.ts';
export { createEmailModule } from './email-module.ts';
export { emailRoutes } from './email.routes.ts';
export { chatLinkOf, type Recipient } from './mail-composer.ts';
export type { OutboxService } from './outbox.service.ts';
