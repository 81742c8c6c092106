import type { AttachmentInfo, WidgetAttachments } from '@mostrador/shared';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '@mostrador/shared/limits';
import { newClientId } from '../chat/clientId.ts';
import { createStore, type Store } from '../util/store.ts';
import type { FilesApi, UploadError } from './filesApi.ts';
import type { KeptBytes } from './keptBytes.ts';
import { keepFiles, readKeptFiles, type KeptFilesPlace } from './keptFiles.ts';

/** A file picked for the next message: uploading (with its progress), stored, or not (and why). */
export interface PendingFile {
  /** The upload's client id, made once: a retry sends it again, so the server stores the file once. */
  clientId: string;
  name: string;
  state: 'uploading' | 'ready' | 'failed';
  /** 0…1 while uploading. */
  progress: number;
  /** Why it failed; `too_many` never left the page; `lost`: the page changed mid-upload and its bytes were not kept. */
  error?: UploadError | 'too_many' | 'lost';
  /** The stored file, once ready. */
  file?: AttachmentInfo;
}

/**
 * The files waiting to go with the shopper's next message. Each uploads as
 * soon as it is picked; a file over the site's limit is refused before a
 * byte is sent. Removing a file cancels its upload.
 */
export class Uploads {
  readonly store: Store<readonly PendingFile[]> = createStore<readonly PendingFile[]>([]);
  /** The bytes of each file still here (for a retry) and how to cancel its upload. */
  readonly #work = new Map<string, { blob: Blob; abort?: () => void }>();
  #keptSteps: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: Pick<FilesApi, 'upload' | 'discard'>,
    /** The site's rules, from the session; null: no uploads. */
    private readonly rules: () => WidgetAttachments | null | undefined,
    private readonly createClientId: () => string = newClientId,
    /** Where the files picked and not sent yet are kept for the tab's next page; null: this page only. */
    kept: KeptFilesPlace | null = null,
    /** Where the bytes of files still uploading are kept for the next page to send again; null: lost with the page. */
    private readonly bytes: Promise<KeptBytes | null> = Promise.resolve(null),
  ) {
    const earlier = readKeptFiles(kept);
    // Files stored by an earlier page of this tab are still on the server, ready to go.
    this.store.set(
      earlier.map((k) => (k.file ? { ...k, state: 'ready' as const, progress: 1 } : { ...k, state: 'uploading' as const, progress: 0 })),
    );
    // Files the earlier page was still sending go again, with their client ids, from the bytes it kept.
    for (const { clientId, file } of earlier) if (!file) void this.#resume(clientId);
    this.store.subscribe((list) =>
      keepFiles(
        kept,
        list.flatMap((f) =>
          f.state === 'ready' && f.file
            ? [{ clientId: f.clientId, name: f.name, file: f.file }]
            : f.state === 'uploading' || f.error === 'failed'
              ? [{ clientId: f.clientId, name: f.name }]
              : [],
        ),
      ),
    );
  }

  /** Files picked, dropped or pasted: each starts uploading, or is refused at once. */
  add(files: Iterable<File>): void {
    const rules = this.rules();
    if (!rules) return;
    for (const blob of files) {
      const clientId = this.createClientId();
      const entry: PendingFile = { clientId, name: blob.name, state: 'failed', progress: 0 };
      const wanted = this.store.get().filter((file) => !file.error || file.error === 'failed').length;
      if (wanted >= MAX_ATTACHMENTS_PER_MESSAGE) entry.error = 'too_many';
      else if (blob.size > rules.maxBytes) entry.error = 'too_large';
      else this.#work.set(clientId, { blob });
      this.store.update((list) => [...list, entry.error ? entry : { ...entry, state: 'uploading' }]);
      if (entry.error) continue;
      this.#keeping((kept) => kept.put(clientId, blob.name, blob));
      this.#start(clientId);
    }
  }

  /** Sends a file that could not be uploaded (the network, the server) again, with the same client id. */
  retry(clientId: string): void {
    if (!this.#work.has(clientId)) return;
    this.#patch(clientId, { state: 'uploading', progress: 0, error: undefined });
    this.#start(clientId);
  }

  /** The connection came back: every upload the network lost goes again (same client ids; refusals stay refused). */
  retryFailed(): void {
    for (const file of this.store.get()) if (file.error === 'failed') this.retry(file.clientId);
  }

  /** Takes a file out of the next message, cancelling its upload, or taking it back from the server once stored. */
  remove(clientId: string): void {
    this.#work.get(clientId)?.abort?.();
    this.#forget(clientId);
    const stored = this.store.get().find((file) => file.clientId === clientId)?.file;
    if (stored) this.api.discard(stored.id);
    this.store.update((list) => list.filter((file) => file.clientId !== clientId));
  }

  /** The files stored and ready to go with a message. */
  ready(): AttachmentInfo[] {
    return this.store.get().flatMap((pending) => (pending.file ? [pending.file] : []));
  }

  /** Whether a file is still on its way: the message waits for it. */
  get busy(): boolean {
    return this.store.get().some((file) => file.state === 'uploading');
  }

  /** The ready files went with a message: they leave the list (a refused one stays, to be read and removed). */
  sent(): void {
    this.store.update((list) => list.filter((file) => file.state !== 'ready'));
  }

  #start(clientId: string): void {
    const work = this.#work.get(clientId)!;
    const name = this.store.get().find((file) => file.clientId === clientId)!.name;
    const upload = this.api.upload(work.blob, name, clientId, (progress) => this.#patch(clientId, { progress }));
    work.abort = upload.abort;
    void upload.done.then((outcome) => {
      // Removed while uploading: its answer (the abort's, usually) is nobody's business.
      if (this.#work.get(clientId) !== work) return;
      if (outcome.ok) this.#patch(clientId, { state: 'ready', progress: 1, file: outcome.file });
      else this.#patch(clientId, { state: 'failed', error: outcome.error });
      // Only a failure worth retrying (the network, the server) keeps the bytes.
      if (outcome.ok || outcome.error !== 'failed') this.#forget(clientId);
    });
  }

  /** An upload of an earlier page: sent again from its kept bytes, or marked lost when none were kept. */
  async #resume(clientId: string): Promise<void> {
    const blob = await (await this.bytes)?.take(clientId);
    if (!this.store.get().some((file) => file.clientId === clientId)) return;
    if (!blob) return this.#patch(clientId, { state: 'failed', error: 'lost' });
    this.#work.set(clientId, { blob });
    this.#start(clientId);
  }

  /** Done with a file's bytes, here and in the tab's keeping. */
  #forget(clientId: string): void {
    this.#work.delete(clientId);
    this.#keeping((kept) => kept.drop(clientId));
  }

  /** Byte keeping, one step after another: a quick upload's drop must not land before its put. */
  #keeping(step: (kept: KeptBytes) => Promise<void>): void {
    this.#keptSteps = this.#keptSteps.then(async () => {
      const kept = await this.bytes;
      // A step that fails (bytes unreadable) must not stop the ones after it.
      if (kept) await step(kept).catch(() => undefined);
    });
  }

  #patch(clientId: string, change: Partial<PendingFile>): void {
    this.store.update((list) => list.map((file) => (file.clientId === clientId ? { ...file, ...change } : file)));
  }
}
