import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { loadWidgetBundle, pickEncoding } from './widget-bundle.ts';

export interface AssetRoutesOptions {
  widgetFile: string;
  consoleDir: string;
}

/**
 * The merchant's script URL never changes, so widget.js is cached briefly
 * and revalidated by ETag; the console's hashed assets are cached for good.
 */
export const assetRoutes: FastifyPluginAsync<AssetRoutesOptions> = async (app, opts) => {
  const widget = loadWidgetBundle(opts.widgetFile);
  if (!widget) app.log.warn({ file: opts.widgetFile }, 'widget bundle not built; run pnpm build');

  app.get('/widget.js', async (request, reply) => {
    if (!widget) {
      return reply.status(503).send({ error: { code: 'internal', message: 'Widget not built' } });
    }
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300, stale-while-revalidate=86400')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('vary', 'Accept-Encoding')
      .header('etag', widget.etag);
    if (request.headers['if-none-match'] === widget.etag) return reply.status(304).send();
    const encoding = pickEncoding(request.headers['accept-encoding']);
    if (encoding === 'identity') return reply.send(widget.identity);
    return reply.header('content-encoding', encoding).send(encoding === 'br' ? widget.brotli : widget.gzip);
  });

  if (!existsSync(join(opts.consoleDir, 'index.html'))) {
    app.log.warn({ dir: opts.consoleDir }, 'console not built; run pnpm build');
    app.get('/console/*', async (_request, reply) =>
      reply.status(503).send({ error: { code: 'internal', message: 'Console not built' } }),
    );
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
  app.get('/console/*', async (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', opts.consoleDir),
  );
};
