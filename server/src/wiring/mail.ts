import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { actorOf, type ConversationsService } from '../modules/conversations/index.ts';
import { chatLinkOf, createEmailModule, emailRoutes } from '../modules/email/index.ts';
import { createInboundMailModule } from '../modules/inbound-mail/index.ts';
import { isOriginAllowed, type SitesService } from '../modules/sites/index.ts';
import type { ContactsService } from '../modules/tickets/index.ts';
import type { VisitorsService } from '../modules/visitors/index.ts';

export interface MailWiringDeps {
  app: FastifyInstance;
  config: Pick<Config, 'mail' | 'inboundMail'>;
  sites: SitesService;
  visitors: VisitorsService;
  conversations: ConversationsService;
  shop: {
    contacts: ContactsService;
    /** Every address the visitor is known by (the contacts module's answer). */
    emailsOf: (siteId: string, visitorId: string) => string[];
    /** The last page the visitor was seen on (the visitors' activity). */
    lastPageOf: (siteId: string, visitorId: string) => Promise<{ url: string } | undefined>;
  };
}

/**
 * Mail both ways, wired to the conversations, contacts, visitors and sites it speaks of: the two modules
 * reach each other (a bounce comes in by the inbound door) and both reach the rest.
 */
export function wireMail(deps: MailWiringDeps) {
  const { app, config, sites, visitors, conversations, shop } = deps;
  const { contacts } = shop;
  // Shoppers' email replies, threaded back as their messages; main.ts opens the SMTP door, the Mailgun one is a route.
  const inbound = createInboundMailModule({
    app,
    engine: app.engine,
    replyDomain: config.mail.replyDomain,
    config: config.inboundMail,
    ports: {
      conversation: async (conversationId) => {
        const row = await conversations.byReplyAddress(conversationId);
        return row ? { siteId: row.siteId, visitorId: row.visitorId, label: row.visitorLabel } : null;
      },
      visitorEmails: (siteId, visitorId) => shop.emailsOf(siteId, visitorId),
      sendAsVisitor: async ({ siteId, visitorId, label }, input) => {
        const sent = await conversations.sendFromVisitor({ kind: 'visitor', siteId, visitorId, label }, { ...input, via: 'email' });
        return sent.ok ? { ok: true, data: { conversationId: sent.data.conversation.id } } : sent;
      },
      // Bounces (VERP): the email module, created just below, is only reached when a mail arrives.
      takesBounce: (address) => email.outbox.takesBounce(address),
      bounced: (address, reason) => email.outbox.bounced(address, reason),
    },
  });
  // Mail to shoppers: agents' replies they did not see, and transcripts; a background worker, off the message path.
  const email = createEmailModule({
    engine: app.engine,
    groupCommit: app.groupCommit,
    mail: config.mail,
    directory: {
      shopName: (siteId) => sites.byId(siteId)?.name ?? '',
      recipient: async (siteId, visitorId) => {
        const contact = contacts.of(siteId, visitorId);
        const visitor = contact ? await visitors.byId(siteId, visitorId) : undefined;
        return contact ? { ...contact, language: visitor?.language ?? null, timeZone: visitor?.timeZone ?? null } : null;
      },
      chatLink: async (siteId, visitorId) => {
        // Only a page on an origin the shop allows: a visitor's own report of where it was is never a link elsewhere.
        const page = await shop.lastPageOf(siteId, visitorId);
        const allowed = sites.byId(siteId)?.allowedOrigins ?? [];
        const serverOrigin = new URL(config.mail.publicUrl).origin;
        return page && isOriginAllowed(page.url, allowed, serverOrigin) ? chatLinkOf(page.url) : null;
      },
    },
    replies: {
      agentRepliedSince: async (since) => conversations.agentRepliedSince(since),
      visitorEventsAfter: async (siteId, id, afterVisitorSeq, limit) =>
        conversations.visitorEventsAfter(siteId, id, afterVisitorSeq, limit),
    },
    transcriptSource: (siteId, visitorId, conversationId) =>
      conversations.visitorTranscript({ kind: 'visitor', siteId, visitorId, label: '' }, conversationId),
    log: (err) => app.log.error({ err }, 'mail worker pass failed'),
  });
  email.worker.start();
  app.addHook('preClose', async () => email.close());
  return {
    inboundMail: inbound.inboundMail,
    email,
    mailgunRoutes: inbound.routes,
    async emailRoutes(server: FastifyInstance): Promise<void> {
      await server.register(emailRoutes, {
        outbox: email.outbox,
        canRead: (agent, conversationId) => conversations.agentCanRead(actorOf(agent), conversationId),
      });
    },
  };
}
