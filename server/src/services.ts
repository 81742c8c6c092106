import type { FastifyInstance } from 'fastify';
import type { AgentsService } from './modules/agents/index.ts';
import type { AttachmentsService, ThumbnailWorker, UnsentUploadsSweep } from './modules/attachments/index.ts';
import type { AvatarsService } from './modules/avatars/index.ts';
import type { CannedRepliesService } from './modules/canned-replies/index.ts';
import type { ConversationsService, ConversationStates, RoutingService, TeamCoordinator } from './modules/conversations/index.ts';
import type { DemoHistoryRepository } from './modules/demo-shop/index.ts';
import type { DepartmentsService } from './modules/departments/index.ts';
import type { createEmailModule } from './modules/email/index.ts';
import type { HealthService } from './modules/health/index.ts';
import type { HoursService } from './modules/hours/index.ts';
import type { InboundMailService } from './modules/inbound-mail/index.ts';
import type { AuditLog, PrivacyRegistry, PrivacyService, RetentionJob } from './modules/privacy/index.ts';
import type { RatingsService } from './modules/ratings/index.ts';
import type { SitesService } from './modules/sites/index.ts';
import type { TagsService } from './modules/tags/index.ts';
import type { TriggerEngine, TriggersService } from './modules/triggers/index.ts';
import type { ProductCatalog, VisitorActivity, VisitorsService } from './modules/visitors/index.ts';
import type { Cluster } from './wiring/cluster.ts';

/** The services the built app hands to main.ts and the tests, as `app.services`. */
export interface Services {
  sites: SitesService;
  agents: AgentsService;
  avatars: AvatarsService;
  departments: DepartmentsService;
  visitors: VisitorsService;
  conversations: ConversationsService;
  routing: RoutingService;
  team: TeamCoordinator;
  activity: VisitorActivity;
  /** The sites' product catalogues: the demo shop stocks its own products in its site's. */
  catalog: ProductCatalog;
  triggers: TriggersService;
  /** What the trigger engine holds in memory: its `stats()` must fall back as tabs close. */
  triggerEngine: Pick<TriggerEngine, 'stats'>;
  hours: HoursService;
  canned: CannedRepliesService;
  tags: TagsService;
  states: ConversationStates;
  ratings: RatingsService;
  privacy: PrivacyService;
  privacyRegistry: PrivacyRegistry;
  audit: AuditLog;
  retention: RetentionJob;
  inboundMail: InboundMailService;
  email: ReturnType<typeof createEmailModule>;
  attachments: AttachmentsService;
  unsentUploads: UnsentUploadsSweep;
  thumbnails: ThumbnailWorker;
  health: HealthService;
  /** Writes the demo shop's history when the seed creates it. */
  demoHistory: DemoHistoryRepository;
  /** This node's place in a cluster: the cache-invalidation bus and the shared directories (in memory when alone). */
  cluster: Cluster;
}

export type App = FastifyInstance & { services: Services };
