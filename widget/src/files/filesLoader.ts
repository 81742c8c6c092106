import type { WidgetAttachments } from '@mostrador/shared';
import { Fragment, createElement } from 'preact';
import type { VisitorStorage } from '../chat/visitorStorage.ts';
import { applyStyles } from '../ui/shadowHost.ts';
import { t } from '../ui/translation.ts';
import { createStore, type Store } from '../util/store.ts';
import type { FilesApi } from './filesApi.ts';
import type { KeptBytes } from './keptBytes.ts';
import type { KeptFilesPlace } from './keptFiles.ts';
import type * as FilesChunk from './filesChunk.ts';
import type { FileLinks } from './linkCache.ts';
import type { Uploads } from './uploads.ts';

export type FilesModule = typeof FilesChunk;

/** The files chunk, loaded and set up for this panel. */
export interface PanelFiles {
  links: FileLinks;
  uploads: Uploads;
  AttachmentList: FilesModule['AttachmentList'];
  PendingFiles: FilesModule['PendingFiles'];
}

/** The files chunk on demand: `files` is null until first needed and loaded. */
export interface FilesLoader {
  readonly files: Store<PanelFiles | null>;
  /** Loads the chunk (once), then runs `then`; a failed fetch is tried again on the next need. */
  need(then?: (files: PanelFiles) => void): void;
}

export interface FilesSetup {
  /** The file routes, from the loaded chunk (the chat server's, with the visitor's token). */
  api(chunk: FilesModule): FilesApi;
  /** The site's rules for shoppers' files, from the session. */
  rules(): WidgetAttachments | null | undefined;
  /** Where the chunk's styles go (the widget's shadow root); absent in tests. */
  root?: ShadowRoot;
  /** Where the tab keeps files picked but not sent, for its next page; absent: this page only. */
  kept?: KeptFilesPlace | null;
  /** Where the bytes of files still uploading are kept for the next page (IndexedDB); absent: lost with the page. */
  bytes?: (chunk: FilesModule) => Promise<KeptBytes | null>;
}

/** The chat server's file routes, as this visitor: the panel's setup. */
export function serverFiles(serverOrigin: string, siteKey: string, storage: VisitorStorage): FilesSetup['api'] {
  return (chunk) => chunk.createFilesApi(serverOrigin, siteKey, () => storage.read().token);
}

export function createFilesLoader(load: () => Promise<FilesModule>, setup: FilesSetup): FilesLoader {
  const files = createStore<PanelFiles | null>(null);
  let loading: Promise<PanelFiles> | undefined;
  return {
    files,
    need(then) {
      loading ??= load().then(
        (chunk) => {
          chunk.adopt({ createElement, Fragment }, t);
          if (setup.root) applyStyles(setup.root, chunk.css);
          const api = setup.api(chunk);
          const ready: PanelFiles = {
            links: chunk.createLinkCache(api.link),
            uploads: new chunk.Uploads(api, setup.rules, undefined, setup.kept ?? null, setup.bytes?.(chunk) ?? Promise.resolve(null)),
            AttachmentList: chunk.AttachmentList,
            PendingFiles: chunk.PendingFiles,
          };
          // Back online: uploads the network lost go again on their own, not only by their Retry button.
          globalThis.addEventListener?.('online', () => ready.uploads.retryFailed());
          files.set(ready);
          return ready;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      loading.then(then, () => {});
    },
  };
}

/** Whether any of these messages carries files: then the chunk is needed to show them. */
export function carryFiles(messages: ReadonlyArray<object>): boolean {
  return messages.some((message) => 'attachments' in message && Array.isArray(message.attachments) && message.attachments.length > 0);
}
