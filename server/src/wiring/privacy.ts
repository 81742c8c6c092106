import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { conversationsPersonalData, disconnectVisitors } from '../modules/conversations/index.ts';
import { createPrivacyModule, type PersonalDataSource, type PrivacyPorts, type RetentionSite } from '../modules/privacy/index.ts';
import type { VisitorsPersonalData } from '../modules/visitors/index.ts';

/** What each module holds about shoppers, as its own factory built it. */
export interface ShopperData {
  visitors: VisitorsPersonalData;
  attachments: PersonalDataSource;
  cannedUses: PersonalDataSource;
  triggers: PersonalDataSource;
  contacts: PersonalDataSource;
  ratings: PersonalDataSource;
  reportFacts: PersonalDataSource;
  email: PersonalDataSource;
}

export interface PrivacyWiringDeps {
  app: FastifyInstance;
  config: Pick<Config, 'retentionIntervalMs' | 'retentionBatchRows'>;
  data: ShopperData;
  /** Conversations erased: the agents who had them open are told. */
  conversationsErased: (siteId: string, ids: string[]) => void;
  /** Erased shoppers' open widgets and live presence go at once. */
  forgetActivity: PrivacyPorts['forgetVisitors'];
  subjectErased: PrivacyPorts['subjectErased'];
  sitesWithRetention: () => RetentionSite[];
}

/**
 * Privacy: every module that holds shopper data registers it, for export, erasure and retention.
 * The audit log is the app's (`app.audit`), and retention runs until the app closes.
 */
export function wirePrivacy(deps: PrivacyWiringDeps) {
  const { app, config, data } = deps;
  const visitorData = data.visitors;
  const privacyModule = createPrivacyModule({
    engine: app.engine,
    groupCommit: app.groupCommit,
    sources: [
      ['identities', visitorData.identities],
      // Before conversations: retention finds a file's conversation still there to judge its age.
      ['attachments', data.attachments],
      ['activity', visitorData.activity],
      ['conversations', conversationsPersonalData(app.engine, deps.conversationsErased)],
      ['canned uses', data.cannedUses],
      ['triggers', data.triggers],
      ['contacts', data.contacts],
      ['ratings', data.ratings],
      ['report facts', data.reportFacts],
      ['email', data.email],
    ],
    resolve: (siteId, subject) => visitorData.resolve(siteId, subject),
    ports: {
      forgetVisitors: (visitorIds) => {
        disconnectVisitors(app.realtime.visitors, visitorIds);
        deps.forgetActivity(visitorIds);
      },
      subjectErased: deps.subjectErased,
    },
    retention: {
      sites: deps.sitesWithRetention,
      intervalMs: config.retentionIntervalMs,
      batchRows: config.retentionBatchRows,
      log: (err) => app.log.error({ err }, 'retention run failed'),
    },
  });
  app.decorate('audit', privacyModule.audit);
  privacyModule.retention.start();
  app.addHook('preClose', async () => privacyModule.retention.stop());
  const { audit, registry: privacyRegistry, privacy, retention } = privacyModule;
  return { audit, privacyRegistry, privacy, retention };
}
