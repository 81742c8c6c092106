import { join } from 'node:path';
import type { AttachmentsConfig } from '../../config.ts';
import { S3Storage } from './storage-s3.ts';
import { LocalDiskStorage, type FileStorage } from './storage.ts';

/** The file store the configuration names: a bucket when `ATTACHMENTS_S3_BUCKET` is set, the local disk otherwise; `close` ends its connections. */
export function fileStorageFor(config: Pick<AttachmentsConfig, 'dir' | 's3'>): { storage: FileStorage; close(): void } {
  if (!config.s3) return { storage: new LocalDiskStorage(config.dir), close: () => undefined };
  // Uploads are received on this node's disk, then sent to the bucket.
  const bucket = new S3Storage({ ...config.s3, incomingDir: join(config.dir, '.incoming') });
  return { storage: bucket, close: () => bucket.close() };
}
