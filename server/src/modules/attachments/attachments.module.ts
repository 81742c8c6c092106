import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AttachmentsConfig } from '../../config.ts';
import type { Engine } from '../../db/engine.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import type { SharedBuckets } from '../../realtime/rate-limits.ts';
import { isOriginAllowed, serverOriginOf, type SiteRow } from '../sites/index.ts';
import { AttachmentsPersonalData } from './attachments.personal-data.ts';
import type { AttachmentsRepository } from './attachments.repository.ts';
import { PgAttachmentsRepository } from './attachments.repository.pg.ts';
import { SqliteAttachmentsRepository } from './attachments.repository.sqlite.ts';
import { attachmentRoutes } from './attachments.routes.ts';
import { AttachmentsService, type AttachmentPorts } from './attachments.service.ts';
import { CannedPictures } from './canned-pictures.ts';
import { fileStorageFor } from './file-storage-for.ts';
import { PictureStripper } from './picture-stripper.ts';
import { ThumbnailWorker } from './thumbnail-worker.ts';
import { UnsentUploadsSweep } from './unsent-uploads.ts';

export interface AttachmentsModuleDeps {
  app: FastifyInstance;
  engine: Engine;
  config: AttachmentsConfig;
  /** Megabytes shoppers upload per address (rate-limits.ts). */
  visitorUploadMbPerIp: SharedBuckets;
  trustProxy: boolean;
  sites: { byId(siteId: string): SiteRow | undefined; byKey(key: string): SiteRow | undefined };
  visitorByToken: (siteId: string, token: string) => Promise<{ id: string } | undefined>;
  agentCanRead: AttachmentPorts['agentCanRead'];
}

/** The attachments' repository for the engine; on SQLite the sweep's batches join the group commit. */
export function attachmentsRepository(engine: Engine, groupCommit?: GroupCommit): AttachmentsRepository {
  if (engine.kind === 'postgres') return new PgAttachmentsRepository(engine.db);
  if (!groupCommit) throw new Error('SQLite commits through the group commit');
  return new SqliteAttachmentsRepository(engine.db, groupCommit);
}

/**
 * Files in conversations, as one unit: the service, thumbnails, the sweep of unsent uploads, canned pictures and the privacy source.
 * Async: the link-signing key is read (or made) before the app serves.
 */
export async function createAttachmentsModule(deps: AttachmentsModuleDeps) {
  const { app, config, sites } = deps;
  // Files in conversations: checked by their bytes, stored under random names, handed out by signed links.
  const attachmentsRepo = attachmentsRepository(deps.engine, deps.engine.kind === 'sqlite' ? app.groupCommit : undefined);
  const signingKey = config.signingKey ?? (await attachmentsRepo.signingKey(() => randomBytes(32).toString('base64url')));
  // On the local disk, or in an S3-compatible bucket every node of a cluster reaches.
  const { storage: fileStorage, close: closeFileStorage } = fileStorageFor(config);
  app.addHook('onClose', async () => closeFileStorage());
  const attachmentRules = (siteId: string) => {
    const site = sites.byId(siteId);
    return site ? { maxBytes: site.attachmentMaxMb * 1024 * 1024, types: site.attachmentTypes, visitorUploads: site.visitorUploads } : null;
  };
  // Thumbnails are made in the background from jobs written with the files' rows; pending ones resume at start.
  const thumbnails = new ThumbnailWorker(attachmentsRepo, fileStorage, {
    maxInputPixels: config.thumbMaxInputPixels,
    log: app.log,
  });
  thumbnails.start();
  app.addHook('preClose', async () => thumbnails.stop());
  // Pictures are stripped of their metadata in a worker thread, started with the first one.
  const pictures = new PictureStripper();
  app.addHook('onClose', async () => pictures.close());
  const attachments: AttachmentsService = new AttachmentsService(
    attachmentsRepo,
    fileStorage,
    { rules: attachmentRules, agentCanRead: deps.agentCanRead },
    {
      linkTtlMs: config.linkTtlMs,
      signingKey,
      thumbnailQueued: () => thumbnails.wake(),
      stripPicture: (mime, from, to) => pictures.strip(mime, from, to),
    },
  );
  // Uploads never sent in a message go after a day, whatever the site's retention keeps.
  const unsentUploads = new UnsentUploadsSweep(attachmentsRepo, fileStorage, (err) => app.log.error({ err }, 'unsent uploads not removed'));
  unsentUploads.start();
  app.addHook('preClose', async () => unsentUploads.stop());

  return {
    attachments,
    thumbnails,
    unsentUploads,
    /** What the widget needs to offer uploads: nothing when the site takes no files from shoppers. */
    visitorUploads(siteId: string) {
      const rules = attachmentRules(siteId);
      return rules?.visitorUploads ? { maxBytes: rules.maxBytes, types: rules.types } : null;
    },
    /** A canned reply's picture: an agent's upload, kept as long as the reply uses it. */
    cannedPictures: () =>
      new CannedPictures(
        attachmentsRepo,
        fileStorage,
        attachmentRules,
        (err) => app.log.error({ err }, 'a canned reply’s old picture not removed'),
        () => thumbnails.wake(),
      ),
    /** The shoppers' files, for the privacy registry. */
    personalData: () =>
      new AttachmentsPersonalData(
        attachmentsRepo,
        fileStorage,
        (id, at) => attachments.signedPath(id, at),
        (err) => app.log.error({ err }, 'attachment files not removed'),
      ),
    async routes(on: FastifyInstance): Promise<void> {
      await on.register(attachmentRoutes, {
        attachments,
        visitorUploadMbPerIp: deps.visitorUploadMbPerIp,
        visitorOf: (request) => visitorOf(request, deps),
      });
    },
  };
}

/** The visitor an upload comes from: its site key and token, from a page on an origin the site allows. */
async function visitorOf(request: FastifyRequest, deps: AttachmentsModuleDeps): Promise<{ siteId: string; visitorId: string } | null> {
  const site = deps.sites.byKey(String(request.headers['x-mostrador-site'] ?? ''));
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!site || !token) return null;
  if (
    request.headers.origin &&
    !isOriginAllowed(request.headers.origin, site.allowedOrigins, serverOriginOf(request.headers, deps.trustProxy))
  ) {
    return null;
  }
  const visitor = await deps.visitorByToken(site.id, token);
  return visitor ? { siteId: site.id, visitorId: visitor.id } : null;
}
