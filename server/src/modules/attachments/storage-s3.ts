import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { newStorageKey, storagePath, type FileStorage } from './storage.ts';

export interface S3StorageOptions {
  bucket: string;
  /** Put before every object's key ("mostrador/"), so one bucket may hold other things too. */
  prefix: string;
  /** An S3-compatible service's address (MinIO, Ceph, R2…); null: Amazon S3 in `region`. */
  endpoint: string | null;
  region: string;
  /** `bucket` in the path rather than the host name, as most S3-compatible services want. */
  forcePathStyle: boolean;
  /** null: the AWS SDK's own chain (AWS_* variables, a shared profile, the machine's role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** A folder on this node where uploads are received before they go to the bucket. */
  incomingDir: string;
}

/** S3 deletes at most this many objects per request. */
const DELETE_BATCH = 1000;

/**
 * Attachments' bytes in an S3-compatible bucket, which every node of a
 * cluster reaches. A put returns once S3 has acknowledged the object, which
 * it has then stored durably, so a message still waits for its files.
 */
export class S3Storage implements FileStorage {
  // The AWS SDK loads with the store, off the start's path of the installs that keep files on disk.
  readonly #s3: Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: S3Client }>;

  readonly incomingDir: string;

  constructor(private readonly options: S3StorageOptions) {
    this.incomingDir = options.incomingDir;
    this.#s3 = import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: this.#clientOf(sdk) }));
    // A missing SDK fails each use (a put, an open), not the process as an unhandled rejection.
    this.#s3.catch(() => undefined);
  }

  #clientOf(sdk: typeof import('@aws-sdk/client-s3')): S3Client {
    const { options } = this;
    return new sdk.S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint && { endpoint: options.endpoint }),
      ...(options.credentials && { credentials: options.credentials }),
      // The SDK's newer default checksums are not taken by every S3-compatible service; S3 still gets the ones it requires.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  #object(key: string): string {
    return this.options.prefix + storagePath(key);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = newStorageKey();
    const { sdk, client } = await this.#s3;
    await client.send(
      new sdk.PutObjectCommand({ Bucket: this.options.bucket, Key: this.#object(key), Body: bytes, ContentLength: bytes.byteLength }),
    );
    return key;
  }

  async adopt(received: string): Promise<string> {
    const key = newStorageKey();
    const { sdk, client } = await this.#s3;
    const { size } = await stat(received);
    const body = createReadStream(received);
    try {
      await client.send(new sdk.PutObjectCommand({ Bucket: this.options.bucket, Key: this.#object(key), Body: body, ContentLength: size }));
    } finally {
      // A refused or failed put may never read the stream: its file would stay open.
      body.destroy();
    }
    await rm(received, { force: true });
    return key;
  }

  async open(key: string): Promise<{ stream: Readable; size: number } | null> {
    const { sdk, client } = await this.#s3;
    try {
      const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.options.bucket, Key: this.#object(key) }));
      // In Node the SDK's body is a Readable (its type is the union of every platform's).
      return { stream: object.Body as Readable, size: object.ContentLength ?? 0 };
    } catch (error) {
      if (error instanceof sdk.NoSuchKey) return null;
      throw error;
    }
  }

  async remove(keys: readonly string[]): Promise<void> {
    const { sdk, client } = await this.#s3;
    for (let from = 0; from < keys.length; from += DELETE_BATCH) {
      const objects = keys.slice(from, from + DELETE_BATCH).map((key) => ({ Key: this.#object(key) }));
      // Quiet: only failures come back. A key with no object is not one.
      const answer = await client.send(
        new sdk.DeleteObjectsCommand({ Bucket: this.options.bucket, Delete: { Objects: objects, Quiet: true } }),
      );
      const failed = answer.Errors ?? [];
      if (failed.length > 0) throw new Error(`S3 kept ${failed.length} of ${objects.length} objects: ${failed[0]?.Code ?? 'unknown'}`);
    }
  }

  /** Ends the client's connections (the app's close). */
  close(): void {
    this.#s3.then(({ client }) => client.destroy()).catch(() => undefined);
  }
}
