// @ts-check
// Runs in a worker thread (search-vocabulary.repository.sqlite.ts): reads the search index's vocabulary on its
// own read-only connection. Over a large history the read takes long (fts5vocab counts every word's documents
// as it goes), so it never runs on the event loop that serves chats.
// Plain JavaScript because worker threads do not inherit tsx's loader (privatenumber/tsx#354).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ file: string }} */
const { file } = workerData;
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const read = db.prepare('SELECT term FROM conversation_search_vocab WHERE length(term) BETWEEN ? AND ?').pluck();

parentPort?.on('message', (/** @type {{ minLength: number; maxLength: number }} */ message) => {
  try {
    parentPort?.postMessage({ terms: read.all(message.minLength, message.maxLength) });
  } catch (error) {
    parentPort?.postMessage({ error: String(error) });
  }
});
