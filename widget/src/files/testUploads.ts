import type { AttachmentInfo, WidgetAttachments } from '@mostrador/shared';
import { vi } from 'vitest';
import type { FilesApi, UploadOutcome } from './filesApi.ts';
import * as filesChunk from './filesChunk.ts';
import { createFilesLoader } from './filesLoader.ts';

/** For tests; not imported by production code. */
/** A stand-in for the upload route: each upload waits for the test to report progress and answer. */
export function fakeUploadRoute() {
  const calls: Array<{
    name: string;
    clientId: string;
    progress: (fraction: number) => void;
    answer: (outcome: UploadOutcome) => void;
    abort: ReturnType<typeof vi.fn>;
  }> = [];
  const discarded: string[] = [];
  const api: Pick<FilesApi, 'upload' | 'discard'> = {
    discard: (id) => void discarded.push(id),
    upload(_blob, name, clientId, progress) {
      let answer!: (outcome: UploadOutcome) => void;
      const done = new Promise<UploadOutcome>((resolve) => (answer = resolve));
      const abort = vi.fn(() => answer({ ok: false, error: 'failed' }));
      calls.push({ name, clientId, progress, answer, abort });
      return { done, abort };
    },
  };
  return { api, calls, discarded };
}

export const stored = (id: string, name: string): AttachmentInfo => ({ id, name, mime: 'image/png', type: 'image', size: 68 });

/** The files chunk as the panel loads it, over the fake upload route and links that live five minutes. */
export function testFiles(rules: () => WidgetAttachments | null | undefined) {
  const route = fakeUploadRoute();
  const api: FilesApi = {
    link: async (id) => ({ url: `https://chat.example/api/files/${id}?sig=x`, expiresAt: Date.now() + 300_000 }),
    upload: route.api.upload,
    discard: route.api.discard,
  };
  return { ...route, loader: createFilesLoader(async () => filesChunk, { api: () => api, rules }) };
}
