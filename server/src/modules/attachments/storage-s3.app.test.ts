import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AttachmentsS3Config } from '../../config.ts';
import { startTestServer, type AgentSocket, type TestServer, type VisitorSocket } from '../../testing/harness.ts';
import { filesOnDisk, shopperClient, uploaded } from './test-clients.ts';
import { pdf } from './test-files.ts';

/** The whole app with its files in a bucket of a real S3-compatible server on loopback (s3rver; see storage-s3.test.ts). */
const dir = mkdtempSync(join(tmpdir(), 'mostrador-s3-app-'));
const s3server = new S3rver({
  port: 0,
  address: '127.0.0.1',
  silent: true,
  directory: join(dir, 's3'),
  configureBuckets: [{ name: 'shop-files', configs: [] }],
});
let bucket: AttachmentsS3Config;
let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

const objectsInBucket = async () => {
  const client = new S3Client({ ...bucket, endpoint: bucket.endpoint!, credentials: bucket.credentials! });
  const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket.bucket }));
  client.destroy();
  return (listed.Contents ?? []).map((object) => object.Key);
};

beforeAll(async () => {
  const { port } = await s3server.run();
  bucket = {
    bucket: 'shop-files',
    prefix: 'mostrador/',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-west-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  };
  server = await startTestServer({ attachments: { ...loadConfig({}).attachments, dir: join(dir, 'disk'), s3: bucket } });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.close();
  await s3server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('files in an S3-compatible bucket', () => {
  it('stores a shopper’s upload in the bucket, nothing on the disk, serves it through its signed link, and deletes it when taken back', async () => {
    const shopper = await shopperClient(server, sockets);
    const file = await uploaded(await shopper.upload(pdf(), 'factura.pdf'));
    expect(await objectsInBucket()).toEqual([expect.stringMatching(/^mostrador\/[A-Za-z0-9_-]{2}\/[A-Za-z0-9_-]{32}$/)]);
    expect(filesOnDisk(server)).toEqual([]);

    const link = (await (await shopper.link(file.id)).json()) as { url: string };
    const download = await fetch(server.url + link.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="factura.pdf"/);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf());

    expect((await shopper.discard(file.id)).status).toBe(204);
    await expect.poll(objectsInBucket).toEqual([]);
  });
});
