import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { loadCatalogues, loadChunks, loadCompressedAsset, pickEncoding, type CompressedAsset } from './widget-bundle.ts';

export interface AssetRoutesOptions {
  widgetFile: string;
  consoleDir: string;
}

/**
 * The merchant's script URL never changes, so widget.js is cached briefly
 * and revalidated by ETag; the console's hashed assets are cached for good.
 */
export const assetRoutes: FastifyPluginAsync<AssetRoutesOptions> = async (app, opts) => {
  const widget = loadCompressedAsset(opts.widgetFile);
  if (!widget) app.log.warn({ file: opts.widgetFile }, 'widget bundle not built; run pnpm build');
  const catalogues = loadCatalogues(join(dirname(opts.widgetFile), 'i18n'));
  const chunks = loadChunks(join(dirname(opts.widgetFile), 'chunks'));

  app.get('/widget.js', async (request, reply) => {
    if (!widget) {
      return reply.status(503).send({ error: { code: 'internal', message: 'Widget not built' } });
    }
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300, stale-while-revalidate=86400');
    return sendAsset(request, reply, widget);
  });

  /**
   * Files named by content hash, so cached for good; fetched from the shop's pages, so open to any
   * origin (a module script from another origin is a CORS request). Nothing else is served from these folders.
   */
  const serveHashed = (folder: string, files: Map<string, CompressedAsset>, contentType: string, missing: string) =>
    app.get<{ Params: { file: string } }>(`/widget/${folder}/:file`, async (request, reply) => {
      const file = files.get(request.params.file);
      if (!file) return reply.status(404).send({ error: { code: 'not_found', message: missing } });
      reply
        .header('content-type', contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('access-control-allow-origin', '*');
      return sendAsset(request, reply, file);
    });
  serveHashed('i18n', catalogues, 'application/json; charset=utf-8', 'No such catalogue');
  // The panel, which widget.js imports when the visitor opens the chat (or is invited to).
  serveHashed('chunks', chunks, 'text/javascript; charset=utf-8', 'No such chunk');

  if (!existsSync(join(opts.consoleDir, 'index.html'))) {
    app.log.warn({ dir: opts.consoleDir }, 'console not built; run pnpm build');
    app.get('/console/*', async (_request, reply) => reply.status(503).send({ error: { code: 'internal', message: 'Console not built' } }));
    return;
  }

  await app.register(fastifyStatic, {
    root: opts.consoleDir,
    prefix: '/console/',
    wildcard: false,
    cacheControl: false,
    setHeaders(res, path) {
      const hashed = path.includes(`${join(opts.consoleDir, 'assets')}`);
      res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/console', async (_request, reply) => reply.redirect('/console/'));
  // Deep links inside the single-page app all load its index.
  app.get('/console/*', async (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html', opts.consoleDir));
};

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: CompressedAsset) {
  reply.header('cross-origin-resource-policy', 'cross-origin').header('vary', 'Accept-Encoding').header('etag', asset.etag);
  if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
  const encoding = pickEncoding(request.headers['accept-encoding']);
  if (encoding === 'identity') return reply.send(asset.identity);
  return reply.header('content-encoding', encoding).send(asset.encoded(encoding));
}
