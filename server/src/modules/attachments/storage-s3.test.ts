import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFileStorage } from './storage-contract.ts';
import { S3Storage, type S3StorageOptions } from './storage-s3.ts';

/**
 * A real S3-compatible server on loopback (s3rver, from the npm registry: no
 * MinIO or Ceph can be installed on this machine), speaking the S3 protocol
 * the AWS SDK speaks to Amazon S3.
 */
const dir = mkdtempSync(join(tmpdir(), 'mostrador-s3-'));
const server = new S3rver({
  port: 0,
  address: '127.0.0.1',
  silent: true,
  directory: dir,
  configureBuckets: [{ name: 'shop-files', configs: [] }],
});
let options: S3StorageOptions;
let storage: S3Storage;

beforeAll(async () => {
  const { port } = await server.run();
  options = {
    bucket: 'shop-files',
    prefix: 'mostrador/',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-west-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    incomingDir: join(dir, 'incoming'),
  };
  storage = new S3Storage(options);
});
afterAll(async () => {
  storage.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describeFileStorage('an S3-compatible bucket', () => storage);

describe('an S3-compatible bucket', () => {
  it('keeps every object under the prefix, fanned out like the disk, so the bucket may hold other things', async () => {
    const key = await storage.put(new TextEncoder().encode('albarà'));
    const client = new S3Client({ ...options, endpoint: options.endpoint!, credentials: options.credentials! });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'shop-files' }));
    client.destroy();
    expect(listed.Contents?.map((object) => object.Key)).toContain(`mostrador/${key.slice(0, 2)}/${key}`);
    expect(listed.Contents?.every((object) => object.Key?.startsWith('mostrador/'))).toBe(true);
  });

  it('removes more keys than S3 takes in one request', async () => {
    const keys = await Promise.all(Array.from({ length: 3 }, (_, i) => storage.put(new Uint8Array([i]))));
    // The stored ones last: they fall in the second request.
    const many = [...Array.from({ length: 1_100 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(28)}`), ...keys];
    await storage.remove(many);
    for (const key of keys) expect(await storage.open(key)).toBeNull();
  });
});
