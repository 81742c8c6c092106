import type { AttachmentInfo } from '@mostrador/shared';
import { vi } from 'vitest';
import type { FilesApi, UploadOutcome } from './filesApi.ts';

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
  const api: Pick<FilesApi, 'upload'> = {
    upload(_blob, name, clientId, progress) {
      let answer!: (outcome: UploadOutcome) => void;
      const done = new Promise<UploadOutcome>((resolve) => (answer = resolve));
      const abort = vi.fn(() => answer({ ok: false, error: 'failed' }));
      calls.push({ name, clientId, progress, answer, abort });
      return { done, abort };
    },
  };
  return { api, calls };
}

export const stored = (id: string, name: string): AttachmentInfo => ({ id, name, mime: 'image/png', type: 'image', size: 68 });
