// @ts-check
// Runs in a worker thread: splits a shopper's email into their reply and the
// quoted text and signature below it, with email-reply-parser. The library's
// regular expressions can take seconds on a crafted line, so they run here,
// where the caller's timeout ends this thread instead of the event loop that
// serves chats stalling. Plain JavaScript because worker threads do not
// inherit tsx's loader (privatenumber/tsx#354), like db/checkpoint-worker.mjs.
import { parentPort } from 'node:worker_threads';
import EmailReplyParser from 'email-reply-parser';

const parser = new EmailReplyParser();

parentPort?.postMessage({ ready: true });
parentPort?.on('message', (/** @type {{ id: number; text: string }} */ { id, text }) => {
  parentPort?.postMessage({ id, text: parser.read(text).getVisibleText() });
});
