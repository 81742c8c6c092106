import type { AttachmentInfo, Result } from '@mostrador/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { newClientId } from '../state/clientId.ts';

export type Upload = (file: Blob, name: string, clientId: string, signal?: AbortSignal) => Promise<Result<AttachmentInfo>>;

/** A file the agent picked, dropped or pasted: uploading, ready to go with the next reply, or refused. */
export interface PendingFile {
  clientId: string;
  name: string;
  state: 'uploading' | 'ready' | 'failed';
  info?: AttachmentInfo;
  /** Why it failed: the server's error code. */
  error?: string;
}

/** Takes back an uploaded file that will not be sent, so the server does not keep it. */
export type Discard = (id: string) => void;

/**
 * The files waiting to go with the next reply. Each uploads at once under its
 * own client id (a retry is stored once); removing one cancels its upload, or
 * takes it back from the server once stored. Switching conversations drops
 * them the same way: they were meant for the other chat.
 */
export function usePendingFiles(conversationId: string, upload: Upload, discard: Discard) {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  // The latest list, for the clean-up when the conversation changes (its closure saw the first render's).
  const latest = useRef(files);
  latest.current = files;

  useEffect(
    () => () => {
      for (const controller of controllers.current.values()) controller.abort();
      controllers.current.clear();
      for (const file of latest.current) if (file.info) discard(file.info.id);
      setFiles([]);
    },
    [conversationId],
  );

  const patch = (clientId: string, change: Partial<PendingFile>) =>
    setFiles((current) => current.map((f) => (f.clientId === clientId ? { ...f, ...change } : f)));

  /** Shows a file under `name` while `store` runs (an upload, a canned picture's copy), then ready or failed. */
  function track(name: string, store: (signal: AbortSignal, clientId: string) => Promise<Result<AttachmentInfo>>) {
    const clientId = newClientId();
    const controller = new AbortController();
    controllers.current.set(clientId, controller);
    setFiles((current) => [...current, { clientId, name, state: 'uploading' }]);
    void store(controller.signal, clientId).then((result) => {
      controllers.current.delete(clientId);
      if (controller.signal.aborted) {
        // Removed while it was being stored: a file stored all the same is taken back, not left for the sweep.
        if (result.ok) discard(result.data.id);
        return;
      }
      patch(clientId, result.ok ? { state: 'ready', info: result.data } : { state: 'failed', error: result.error.code });
    });
  }

  function add(picked: Iterable<File>) {
    for (const file of picked) {
      const name = file.name || 'file';
      track(name, (signal, clientId) => upload(file, name, clientId, signal));
    }
  }

  /** A canned reply's picture: the server copies it into a new upload of the agent's, which goes like any other file. */
  function addCopy(name: string, copy: () => Promise<Result<AttachmentInfo>>) {
    track(name, copy);
  }

  function remove(clientId: string) {
    controllers.current.get(clientId)?.abort();
    controllers.current.delete(clientId);
    const stored = files.find((f) => f.clientId === clientId)?.info;
    if (stored) discard(stored.id);
    setFiles((current) => current.filter((f) => f.clientId !== clientId));
  }

  /** The ready files, handed over with a reply; the list empties. */
  function take(): AttachmentInfo[] {
    const ready = files.flatMap((f) => (f.state === 'ready' && f.info ? [f.info] : []));
    setFiles((current) => current.filter((f) => f.state !== 'ready'));
    return ready;
  }

  return {
    files,
    add,
    addCopy,
    remove,
    take,
    uploading: files.some((f) => f.state === 'uploading'),
    ready: files.some((f) => f.state === 'ready'),
  };
}
