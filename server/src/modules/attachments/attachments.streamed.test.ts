import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOP_ORIGIN, sqlOn } from '../../testing/harness.ts';
import { filesOnDisk, serverPerTest, shopperClient, uploaded } from './test-clients.ts';
import { pdf } from './test-files.ts';
import { STALLED_INCOMING_MS } from './unsent-uploads.ts';

const scope = serverPerTest();

const rows = () => sqlOn(scope.server.app.engine).value<number>('SELECT count(*) FROM attachments');

/** Waits for the server to notice what a client did on its own connection (a condition, never a fixed sleep). */
async function until(condition: () => boolean): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > 5000) throw new Error('not within 5 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A shopper's upload sent in pieces, with no Content-Length (chunked), as a stream from a phone may be. */
function chunkedUpload(shopper: { token: string }, query: string) {
  const url = new URL(`${scope.server.url}/api/visitor/attachments?${query}`);
  return request(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${shopper.token}`,
      'x-mostrador-site': scope.server.siteKey,
      origin: SHOP_ORIGIN,
      'content-type': 'application/octet-stream',
      'transfer-encoding': 'chunked',
    },
  });
}

describe('uploads are written to disk as they arrive', () => {
  it('stops a body with no declared size at the site’s limit: 413, and nothing kept, on disk or in the database', async () => {
    const site = scope.server.app.services.sites.byKey(scope.server.siteKey)!;
    await scope.server.app.services.sites.update(site.id, { attachmentMaxMb: 1 });
    const shopper = await shopperClient(scope.server, scope.sockets);
    const req = chunkedUpload(shopper, 'clientId=upload-big-0001&name=big.pdf');
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
    });
    req.write(pdf());
    for (let i = 0; i < 20; i++) req.write(Buffer.alloc(64 * 1024, 1));
    req.end();
    const { status, body } = await answered;
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'too_large' } });
    expect(filesOnDisk(scope.server)).toEqual([]);
    expect(await rows()).toBe(0);
  });

  it('refuses an upload with no body, or with bytes sent as another type, before making any file', async () => {
    const shopper = await shopperClient(scope.server, scope.sockets);
    const headers = { authorization: `Bearer ${shopper.token}`, 'x-mostrador-site': scope.server.siteKey, origin: SHOP_ORIGIN };
    const post = (extra: Record<string, string>, body?: string) =>
      fetch(`${scope.server.url}/api/visitor/attachments?clientId=upload-odd-0001&name=x.pdf`, {
        method: 'POST',
        headers: { ...headers, ...extra },
        ...(body !== undefined && { body }),
      });
    const empty = await post({});
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: 'invalid_payload' } });
    const asText = await post({ 'content-type': 'text/plain' }, '%PDF-1.4 hola');
    expect(asText.status).toBe(415);
    expect(await asText.json()).toMatchObject({ error: { code: 'unsupported_type' } });
    expect(filesOnDisk(scope.server)).toEqual([]);
    expect(await rows()).toBe(0);
  });

  it('keeps nothing of an upload whose shopper goes away half way, and takes the same file whole when it is sent again', async () => {
    const shopper = await shopperClient(scope.server, scope.sockets);
    const req = chunkedUpload(shopper, 'clientId=upload-cut-0001&name=factura.pdf');
    req.on('error', () => undefined);
    req.write(pdf());
    req.write(Buffer.alloc(256 * 1024, 1));
    // The half written so far is on the server's disk, in its incoming folder.
    await until(() => filesOnDisk(scope.server).length === 1);
    req.destroy();
    await until(() => filesOnDisk(scope.server).length === 0);
    expect(await rows()).toBe(0);

    const again = await uploaded(await shopper.upload(pdf(), 'factura.pdf', 'upload-cut-0001'));
    expect(again.size).toBe(pdf().length);
    expect(filesOnDisk(scope.server)).toHaveLength(1);
    expect(await rows()).toBe(1);
  });

  it('removes a half-received file left by a stopped process once it has not grown for an hour, and never one still arriving', async () => {
    // The local disk's incoming folder (LocalDiskStorage.incomingDir), where this server receives uploads.
    const incomingDir = join(scope.server.config.attachments.dir, '.incoming');
    mkdirSync(incomingDir, { recursive: true });
    const left = join(incomingDir, 'left-by-a-crash.part');
    writeFileSync(left, pdf());
    const hourAgo = new Date(Date.now() - STALLED_INCOMING_MS - 60_000);
    utimesSync(left, hourAgo, hourAgo);
    const shopper = await shopperClient(scope.server, scope.sockets);
    const req = chunkedUpload(shopper, 'clientId=upload-slow-0001&name=slow.pdf');
    req.on('error', () => undefined);
    req.write(pdf());
    await until(() => filesOnDisk(scope.server).length === 2);

    await scope.server.app.services.unsentUploads.runOnce();
    expect(existsSync(left)).toBe(false);
    expect(filesOnDisk(scope.server)).toHaveLength(1);
    req.destroy();
  });
});
