import { randomFillSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { visitorReady, visitorSocket, type Mode } from './clients.ts';
import { BENCH_ORIGIN } from './protocol.ts';

/**
 * What a burst of shoppers' uploads did: how many were stored, and when the
 * first began and the last ended, in epoch milliseconds (`epochNow()`), so the
 * latency generator's clock, in another process, can be compared with it.
 */
export interface UploadBurst {
  stored: number;
  failed: number;
  startedAt: number;
  endedAt: number;
}

/** Milliseconds since the epoch, with performance.now()'s resolution: one clock for every bench process. */
export const epochNow = () => performance.timeOrigin + performance.now();

/** A PDF the server's sniffing accepts (its type is read from the first bytes), `megabytes` long: stored as is, no thumbnail. */
function pdfOf(megabytes: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(megabytes * 1024 * 1024);
  bytes.set(Buffer.from('%PDF-1.4\n', 'latin1'));
  randomFillSync(bytes, 9);
  return bytes;
}

/**
 * A phone's photo as far as the server reads one, `megabytes` long: a JPEG
 * with an EXIF block (orientation and a location to strip), then its scan,
 * whose bytes are random. It is stripped like any photo; its thumbnail fails
 * (no real picture to decode), later and off the message path.
 */
function photoOf(megabytes: number): Uint8Array<ArrayBuffer> {
  const exif = Buffer.concat([
    Buffer.from('Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0', 'latin1'),
    Buffer.from('GPS 41.3874 N 2.1686 E'.padEnd(4000, ' '), 'latin1'),
  ]);
  const app1 = Buffer.from([0xff, 0xe1, 0, 0]);
  app1.writeUInt16BE(exif.length + 2, 2);
  const head = Buffer.concat([Buffer.from([0xff, 0xd8]), app1, exif, Buffer.from([0xff, 0xda, 0, 2])]);
  const bytes = new Uint8Array(megabytes * 1024 * 1024);
  bytes.set(head);
  randomFillSync(bytes, head.length);
  bytes.set([0xff, 0xd9], bytes.length - 2);
  return bytes;
}

/** What the shoppers send: invoices (stored as they are) or photos (stripped of their metadata first). */
export type UploadKind = 'pdf' | 'photo';

/**
 * `count` shoppers, each connected (with a session token) before anything is
 * measured; `fire()` then sends one file from each at once, through the
 * widget's route, and resolves when every upload has an answer. The floor
 * takes the same requests and reads them to the end (a sink: no checks, no
 * disk), as it relays messages without storing them.
 */
export async function uploadBurst(mode: Mode, url: string, siteKey: string, count: number, megabytes: number, kind: UploadKind) {
  const file = kind === 'photo' ? photoOf(megabytes) : pdfOf(megabytes);
  const name = kind === 'photo' ? 'paquet' : 'factura';
  const extension = kind === 'photo' ? 'jpg' : 'pdf';
  const shoppers = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const socket = visitorSocket(mode, url, siteKey, 900_000 + i);
      await visitorReady(socket, mode);
      return socket;
    }),
  );
  return {
    async fire(): Promise<UploadBurst> {
      const startedAt = epochNow();
      const answers = await Promise.all(
        shoppers.map((shopper, i) =>
          fetch(`${url}/api/visitor/attachments?clientId=bench-upload-${process.pid}-${i}&name=${name}-${i}.${extension}`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${shopper.token ?? ''}`,
              'x-mostrador-site': siteKey,
              origin: BENCH_ORIGIN,
              'content-type': 'application/octet-stream',
            },
            // The same bytes for every shopper: nothing is copied per request.
            body: file,
          }).then(
            // Read to the end, so the connection is free again at once.
            async (response) => (await response.arrayBuffer(), response.ok),
            () => false,
          ),
        ),
      );
      const stored = answers.filter(Boolean).length;
      return { stored, failed: answers.length - stored, startedAt, endedAt: epochNow() };
    },
    close: () => shoppers.forEach((shopper) => shopper.disconnect()),
  };
}
