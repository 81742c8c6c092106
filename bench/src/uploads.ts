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
 * `count` shoppers, each connected (with a session token) before anything is
 * measured; `fire()` then sends one file from each at once, through the
 * widget's route, and resolves when every upload has an answer. The floor
 * takes the same requests and reads them to the end (a sink: no checks, no
 * disk), as it relays messages without storing them.
 */
export async function uploadBurst(mode: Mode, url: string, siteKey: string, count: number, megabytes: number) {
  const file = pdfOf(megabytes);
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
          fetch(`${url}/api/visitor/attachments?clientId=bench-upload-${process.pid}-${i}&name=factura-${i}.pdf`, {
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
