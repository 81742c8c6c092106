import { preChatMissing } from '@mostrador/shared/prechat';
import {
  fail,
  mapOk,
  ok,
  ORIGIN_NOT_ALLOWED,
  VisitorHandshake,
  visitorCommandSchemas,
  type ContactInfo,
  type NpsAnswered,
  type OnlineAgents,
  type RatingInfo,
  type Result,
  type SubmitRating,
  type WidgetFeedback,
  type TranscriptQueued,
  type TranscriptRequest,
  type VisitorClientEvents,
  type VisitorContact,
  type WidgetAttachments,
  type WidgetHours,
} from '@mostrador/shared';
import type { VisitorNamespace } from '../../plugins/realtime.ts';
import { maskingCardNumbers } from '../../realtime/card-masking.ts';
import { clientIp, limitKey } from '../../realtime/client-ip.ts';
import { registerCommands, socketBudget, type ErrorLog } from '../../realtime/commands.ts';
import type { SharedBuckets } from '../../realtime/rate-limits.ts';
import type { Rate } from '../../realtime/token-bucket.ts';
import { isOriginAllowed, normalizeOrigin, serverOriginOf, type RefusedOrigins, type SitesService } from '../sites/index.ts';
import type { TriggerEngine, TriggersService } from '../triggers/index.ts';
import { visitorContextHandlers, type VisitorActivity, type VisitorArrival, type VisitorsService } from '../visitors/index.ts';
import type { VisitorActor } from './actors.ts';
import { siteVisitorsRoom, visitorRoom } from './rooms.ts';
import type { ConversationsService } from './conversations.service.ts';
import type { ConversationRow } from './conversations.types.ts';
import type { ConversationViews } from './conversations.views.ts';
import type { ReadReceipts } from './read-receipts.service.ts';

export interface VisitorSocketDeps {
  sites: SitesService;
  visitors: VisitorsService;
  activity: VisitorActivity;
  triggers: TriggersService;
  /** The server's evaluation of the site's rules, for tabs whose widget leaves it to the server. */
  triggerEngine: Pick<TriggerEngine, 'opened' | 'closed' | 'pageViewed' | 'signal' | 'typing' | 'visitorChanged' | 'shown' | 'declined'>;
  /** Who could answer now, for the widget's "agents online" condition. */
  onlineAgents: (siteId: string) => OnlineAgents;
  /** The site's business hours as the widget reads them. */
  hours: (siteId: string) => WidgetHours;
  /** The limits of shoppers' uploads, for the widget; null when the site takes no files from shoppers. */
  visitorUploads: (siteId: string) => WidgetAttachments | null;
  /** The team's recent median time to a first reply (seconds), null without enough data. */
  replySeconds: (siteId: string) => number | null;
  /** How the shop can reach visitors when nobody answers live (the offline form). */
  contacts: {
    of(siteId: string, visitorId: string): ContactInfo | null;
    save(siteId: string, visitorId: string, input: VisitorContact, at: number): Promise<Result<ContactInfo>>;
  };
  /** The end of a chat: what to ask, and the shopper's rating and NPS answer (the ratings module). */
  feedback: {
    widget(siteId: string, visitorId: string): WidgetFeedback;
    rate(siteId: string, visitorId: string, input: SubmitRating): Promise<Result<RatingInfo>>;
    nps(siteId: string, visitorId: string, score: number): Promise<Result<NpsAnswered>>;
  };
  /** "Email me the transcript", at the end of a chat. */
  transcripts: (siteId: string, visitorId: string, input: TranscriptRequest) => Promise<Result<TranscriptQueued>>;
  conversations: ConversationsService;
  receipts: ReadReceipts;
  views: ConversationViews;
  /** The departments a visitor may pick from, when the site asks. */
  departmentChoices: (siteId: string) => Array<{ slug: string; name: string }>;
  trustProxy: boolean;
  /** Where refused shop origins are noted, for the log and the console. */
  refusedOrigins: RefusedOrigins;
  limits: VisitorLimits;
  log: ErrorLog;
}

export interface VisitorLimits {
  /** New visitors (rows) per client address; a returning visitor's token does not count. */
  newVisitorsPerIp: SharedBuckets;
  /** Per socket: `message:send`, `typing:set`, and every other command. */
  messages: Rate;
  typing: Rate;
  events: Rate;
}

/** A socket.io middleware refusal the widget can read: it waits `retryAfterMs`, then connects again. */
function rateLimitedHandshake(retryAfterMs: number): Error {
  return Object.assign(new Error('rate_limited'), { data: { retryAfterMs } });
}

/** A refusal the widget can tell apart (`err.data.code`), to say so instead of showing a dead composer. */
function originNotAllowed(): Error {
  return Object.assign(new Error(ORIGIN_NOT_ALLOWED), { data: { code: ORIGIN_NOT_ALLOWED } });
}

/** Closes every socket of these visitors (they were erased); a reconnect with their old token starts a new visitor. */
export function disconnectVisitors(ns: VisitorNamespace, visitorIds: readonly string[]): void {
  if (visitorIds.length > 0) ns.in(visitorIds.map(visitorRoom)).disconnectSockets(true);
}

/** The widget's side: handshake (site, origin, identity) and its commands. */
export function attachVisitorSocket(ns: VisitorNamespace, deps: VisitorSocketDeps): void {
  const { sites, visitors, activity, conversations, views, log } = deps;
  // What the handshake found (the visitor's arrival for the live list, its open conversation, whether it has earlier ones),
  // read there as it may wait on the database, and handed to the connection handler, which must register its handlers before anything can wait.
  const identified = new WeakMap<object, { arrival: VisitorArrival; open: ConversationRow | undefined; hasEarlier: boolean }>();
  // Open tabs learn at once which signals the edited rules read (exit intent, idleness, events). Told by the node
  // that made the edit, to the room on every node (this node's rooms say nothing of the others'); the rest only read again.
  deps.triggers.onRulesEdited((siteId) => {
    ns.to(siteVisitorsRoom(siteId)).emit('triggers:changed', { watch: deps.triggers.watch(siteId) });
  });

  ns.use((socket, next) => {
    const parsed = VisitorHandshake.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(new Error('invalid_payload'));
    const site = sites.byKey(parsed.data.siteKey);
    if (!site) return next(new Error('unknown_site'));
    const headers = socket.handshake.headers;
    const serverOrigin = serverOriginOf(headers, deps.trustProxy);
    if (!isOriginAllowed(headers.origin, site.allowedOrigins, serverOrigin)) {
      deps.refusedOrigins.record(site.id, headers.origin);
      return next(originNotAllowed());
    }
    const userAgent = headers['user-agent'];
    const identify = async () => {
      const returning = parsed.data.token ? await visitors.returning(site.id, parsed.data.token, userAgent) : undefined;
      if (!returning) {
        const wait = await deps.limits.newVisitorsPerIp.take(limitKey(clientIp(socket.request, deps.trustProxy)));
        if (wait > 0) return next(rateLimitedHandshake(wait));
      }
      const { visitor, token } = returning ?? (await visitors.create(site.id, userAgent));
      socket.data = {
        siteId: site.id,
        visitorId: visitor.id,
        token,
        label: visitor.label,
        serverTriggers: parsed.data.triggers === 'server',
      };
      const actor = { siteId: site.id, visitorId: visitor.id };
      const [arrival, open, hasEarlier] = await Promise.all([
        activity.arrival(visitor),
        conversations.openForVisitor(site.id, visitor.id),
        conversations.hasEarlier(actor),
      ]);
      // The session tells a queued conversation's place: its line is read first (on PostgreSQL).
      if (open) await views.visitorViewRead(open);
      identified.set(socket, { arrival, open, hasEarlier });
      next();
    };
    identify().catch((err: unknown) => {
      // The widget is told no more than that: it retries as after any refused handshake.
      log.error({ err }, 'visitor handshake failed');
      next(new Error('internal'));
    });
  });

  ns.on('connection', (socket) => {
    const { siteId, visitorId, token, label, serverTriggers } = socket.data;
    const engine = deps.triggerEngine;
    const actor: VisitorActor = { kind: 'visitor', visitorId, siteId, label, connectionId: socket.id };
    void socket.join([visitorRoom(visitorId), siteVisitorsRoom(siteId)]);
    const found = identified.get(socket);
    identified.delete(socket);
    const open = found?.open;
    if (found) activity.connected(socket.id, found.arrival, open?.id ?? null);
    if (serverTriggers) engine.opened(socket.id, siteId, visitorId);
    // A tab closed mid-draft must not leave "typing…" (or the draft) on the agent's screen.
    let typing = false;
    socket.on('disconnect', () => {
      activity.disconnected(socket.id, siteId, visitorId);
      engine.closed(socket.id);
      if (typing) void conversations.visitorTyping(actor, false, null);
    });
    const site = sites.byId(siteId);
    socket.emit('session:established', {
      visitorId,
      token,
      conversation: open ? views.visitorConversation(open) : null,
      site: {
        name: site?.name ?? '',
        departments: site?.departmentChoice ? deps.departmentChoices(siteId) : [],
        typingPreview: site?.typingPreview ?? false,
        // Evaluated here: the rules never reach the shop's pages.
        triggers: [],
        ...(serverTriggers && { watch: deps.triggers.watch(siteId) }),
        onlineAgents: deps.onlineAgents(siteId),
        hours: deps.hours(siteId),
        ...(site && { branding: { look: sites.brandingOf(site), replySeconds: deps.replySeconds(siteId) } }),
        feedback: deps.feedback.widget(siteId, visitorId),
        preChat: site?.preChat ?? 'off',
        attachments: deps.visitorUploads(siteId),
      },
      visit: activity.visitInfo(visitorId),
      contact: deps.contacts.of(siteId, visitorId),
      hasEarlier: found?.hasEarlier ?? false,
    });

    const origin = normalizeOrigin(socket.handshake.headers.origin ?? '');
    const context = visitorContextHandlers({ socketId: socket.id, visitorId, siteId, origin }, { activity, sites });
    // Every tab of the visitor learns what the shop now knows, so no pre-chat form asks for it again.
    const tellContact = () => {
      const contact = deps.contacts.of(siteId, visitorId);
      if (contact) ns.to(visitorRoom(visitorId)).emit('contact:changed', { contact });
    };
    registerCommands<VisitorClientEvents>(
      socket,
      visitorCommandSchemas,
      maskingCardNumbers<VisitorClientEvents>({
        'message:send': async (payload) => {
          // The pre-chat form guards the first message: nothing is stored until the shop can reach the visitor.
          // Whether this message opens a conversation is read only when the form is missing.
          if (preChatMissing(sites.byId(siteId)?.preChat, deps.contacts.of(siteId, visitorId))) {
            const opening = (await conversations.openForVisitor(siteId, visitorId)) === undefined;
            if (opening) return fail('contact_required', 'This site asks for contact details before the first message');
          }
          return mapOk(await conversations.sendFromVisitor(actor, payload), (a) => views.visitorSent(a));
        },
        'typing:set': (payload) => {
          typing = payload.typing;
          engine.typing(socket.id, typing);
          const draft = sites.byId(siteId)?.typingPreview ? (payload.draft ?? null) : null;
          return conversations.visitorTyping(actor, payload.typing, draft);
        },
        'conversation:sync': async (payload) => {
          const page = await conversations.visitorPage(actor, payload.conversationId, payload.afterSeq);
          if (page.ok) await views.visitorViewRead(page.data.conversation);
          return mapOk(page, (p) => views.visitorPage(p));
        },
        'conversation:close': async (payload) =>
          mapOk(await conversations.closeByVisitor(actor, payload.conversationId), (a) => views.visitorChanged(a)),
        ...context,
        'page:viewed': async (page) => {
          const read = await context['page:viewed'](page);
          if (read.ok) engine.pageViewed(socket.id, page.url, page.resumed);
          return read;
        },
        'cart:updated': async (update) => {
          const saved = await context['cart:updated'](update);
          engine.visitorChanged(visitorId);
          return saved;
        },
        'cart:tracked': async (tracked) => {
          const read = await context['cart:tracked'](tracked);
          engine.visitorChanged(visitorId);
          return read;
        },
        'cart:set': async (set) => {
          const saved = await context['cart:set'](set);
          engine.visitorChanged(visitorId);
          return saved;
        },
        'visitor:identify': async (claim) => {
          const identified = await context['visitor:identify'](claim);
          if (identified.ok && identified.data.identity.verified) tellContact();
          return identified;
        },
        'trigger:opened': ({ firingId }) => deps.triggers.opened(siteId, visitorId, firingId),
        'trigger:signal': (signal) => {
          engine.signal(socket.id, signal);
          return ok(null);
        },
        'trigger:shown': ({ firingId }) => engine.shown(socket.id, firingId),
        'trigger:declined': ({ firingId }) => engine.declined(socket.id, firingId),
        'visitor:contact': async (contact) => {
          const saved = await deps.contacts.save(siteId, visitorId, contact, Date.now());
          if (saved.ok) tellContact();
          return saved;
        },
        'rating:submit': (input) => deps.feedback.rate(siteId, visitorId, input),
        'nps:submit': ({ score }) => deps.feedback.nps(siteId, visitorId, score),
        'conversation:earlier': ({ before }) => conversations.earlierForVisitor(actor, before ?? Number.MAX_SAFE_INTEGER),
        'read:mark': (payload) => deps.receipts.visitorRead(actor, payload.conversationId, payload.seq),
        'transcript:email': (request) => deps.transcripts(siteId, visitorId, request),
      }),
      log,
      // Each socket's own budgets: a burst of typing is fine, a flood of messages is not.
      socketBudget({ 'message:send': deps.limits.messages, 'typing:set': deps.limits.typing }, deps.limits.events),
    );
  });
}
