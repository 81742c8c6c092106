// @ts-check
// Runs in a worker thread: copies the WAL back into the database file on its
// own connection, so the fsyncs of a checkpoint never block the event loop
// that serves chats. PASSIVE never waits for, nor blocks, the writer.
// Plain JavaScript because worker threads do not inherit tsx's loader
// (privatenumber/tsx#354), and this file must run under tsx, Vitest and Node.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ file: string; intervalMs: number }} */
const { file, intervalMs } = workerData;
const db = new Database(file);
db.pragma('busy_timeout = 5000');

const timer = setInterval(() => {
  db.pragma('wal_checkpoint(PASSIVE)');
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort?.postMessage('closed');
});
parentPort?.postMessage('ready');
