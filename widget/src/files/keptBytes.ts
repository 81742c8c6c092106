/**
 * The bytes of files still uploading, kept in the shop origin's IndexedDB so
 * the tab's next page can send them again when the shopper moves on before
 * an upload finishes (an XMLHttpRequest dies with its page). Keyed by the
 * upload's client id: the server stores a resent upload once. Every call is
 * best effort: where IndexedDB is refused (some private modes), the file is
 * lost with the page, as before, and the shopper is told so.
 */
export interface KeptBytes {
  put(clientId: string, name: string, blob: Blob): Promise<void>;
  /** The bytes kept for this upload; null when there are none (never kept, swept, or refused). */
  take(clientId: string): Promise<Blob | null>;
  drop(clientId: string): Promise<void>;
}

/** As stored: the bytes as an ArrayBuffer, which every engine's structured clone takes. */
interface Entry {
  clientId: string;
  name: string;
  bytes: ArrayBuffer;
  type: string;
  at: number;
}

/**
 * Bytes nobody came back for go after half an hour: the next page comes within seconds, and a shopper's
 * document must not linger in the shop origin's storage (which the shop's other scripts can read) after
 * the tab that picked it has closed.
 */
const KEEP_MS = 30 * 60 * 1000;
const STORE = 'uploads';

/** A file's bytes; FileReader, which every browser (and the test DOM) has, where `Blob.arrayBuffer` is newer. */
const bufferOf = (blob: Blob) =>
  new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });

const settle = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** Opens (or makes) the database `name`; sweeps entries older than KEEP_MS. Null where IndexedDB is missing or refused. */
export async function openKeptBytes(
  name: string,
  indexedDb: IDBFactory | undefined = globalThis.indexedDB,
  now = Date.now(),
): Promise<KeptBytes | null> {
  let db: IDBDatabase;
  try {
    const opening = indexedDb!.open(name, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: 'clientId' });
    db = await settle(opening);
  } catch {
    return null;
  }
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | null> => {
    try {
      return await settle(work(db.transaction(STORE, mode).objectStore(STORE)));
    } catch {
      return null;
    }
  };
  const all = (await run('readonly', (store) => store.getAll() as IDBRequest<Entry[]>)) ?? [];
  for (const old of all.filter((entry) => now - entry.at > KEEP_MS)) await run('readwrite', (store) => store.delete(old.clientId));
  return {
    async put(clientId, fileName, blob) {
      const entry: Entry = { clientId, name: fileName, bytes: await bufferOf(blob), type: blob.type, at: Date.now() };
      await run('readwrite', (store) => store.put(entry));
    },
    async take(clientId) {
      const entry = await run('readonly', (store) => store.get(clientId) as IDBRequest<Entry | undefined>);
      return entry ? new Blob([entry.bytes], { type: entry.type }) : null;
    },
    drop: async (clientId) => void (await run('readwrite', (store) => store.delete(clientId))),
  };
}
