import type { AttachmentInfo, AttachmentLink } from '@mostrador/shared';

/** Why an upload did not store the file: the server's refusals, and `failed` for anything worth retrying. */
export type UploadError = 'too_large' | 'unsupported_type' | 'forbidden' | 'failed';

export type UploadOutcome = { ok: true; file: AttachmentInfo } | { ok: false; error: UploadError };

/** An upload under way: `done` settles once, with the stored file or why not; `abort` cancels it. */
export interface Upload {
  done: Promise<UploadOutcome>;
  abort(): void;
}

/**
 * The shopper's file routes on the chat server (server/src/modules/attachments/attachments.routes.ts),
 * with the visitor's token and the site key: uploads, and short-lived links to a file's bytes.
 */
export interface FilesApi {
  /** A fresh link to a file of the visitor's conversation (or their own upload), its url absolute; null: gone or refused. */
  link(id: string): Promise<AttachmentLink | null>;
  /** Sends the file's raw bytes; a retry with the same client id is stored once. `onProgress` gets 0…1. */
  upload(file: Blob, name: string, clientId: string, onProgress: (fraction: number) => void): Upload;
  /** Takes back a stored file that will not be sent (removed from the message): the server deletes it. Best effort. */
  discard(id: string): void;
}

const REFUSALS: Readonly<Record<number, UploadError>> = { 413: 'too_large', 415: 'unsupported_type', 403: 'forbidden' };

/** The routes of `serverOrigin`, as the visitor whose token `token()` answers, on the site `siteKey`. */
export function createFilesApi(serverOrigin: string, siteKey: string, token: () => string | undefined): FilesApi {
  const headers = () => ({ authorization: `Bearer ${token() ?? ''}`, 'x-mostrador-site': siteKey });
  return {
    async link(id) {
      try {
        const response = await fetch(`${serverOrigin}/api/visitor/attachments/${encodeURIComponent(id)}/link`, { headers: headers() });
        if (!response.ok) return null;
        const link = (await response.json()) as AttachmentLink;
        const thumb = link.thumbUrl ? { thumbUrl: serverOrigin + link.thumbUrl } : {};
        return { url: serverOrigin + link.url, ...thumb, expiresAt: link.expiresAt };
      } catch {
        return null;
      }
    },
    upload(file, name, clientId, onProgress) {
      // XMLHttpRequest, not fetch: only it reports upload progress.
      const xhr = new XMLHttpRequest();
      const done = new Promise<UploadOutcome>((resolve) => {
        const fail = () => resolve({ ok: false, error: REFUSALS[xhr.status] ?? 'failed' });
        xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
        xhr.onload = () => {
          if (xhr.status !== 200) return fail();
          try {
            resolve({ ok: true, file: (JSON.parse(xhr.responseText) as { attachment: AttachmentInfo }).attachment });
          } catch {
            fail();
          }
        };
        xhr.onerror = fail;
        xhr.onabort = fail;
      });
      xhr.open('POST', `${serverOrigin}/api/visitor/attachments?${new URLSearchParams({ clientId, name }).toString()}`);
      for (const [header, value] of Object.entries(headers())) xhr.setRequestHeader(header, value);
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      xhr.send(file);
      return { done, abort: () => xhr.abort() };
    },
    discard(id) {
      fetch(`${serverOrigin}/api/visitor/attachments/${encodeURIComponent(id)}`, { method: 'DELETE', headers: headers() }).catch(
        () => undefined,
      );
    },
  };
}
