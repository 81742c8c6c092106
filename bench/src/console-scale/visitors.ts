import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

/** How long any one protocol step may take before the bench gives up. */
export const STEP_TIMEOUT_MS = 10_000;

export interface SentMessage {
  conversationId: string;
  seq: number;
}

type SendAck = { ok: true; data: { event: { seq: number; conversationId: string } } } | { ok: false; error: { message: string } };

export interface VisitorTarget {
  url: string;
  siteKey: string;
  origin: string;
}

/** A shopper as the widget connects: its own socket, established before it speaks. */
export async function connectVisitor({ url, siteKey, origin }: VisitorTarget): Promise<Socket> {
  const socket = io(`${url}/visitor`, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { origin },
    auth: { siteKey, triggers: 'server' },
    forceNew: true,
    // A seeding visitor that drops is a failed run, not something to paper over.
    reconnection: false,
    timeout: STEP_TIMEOUT_MS,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('visitor session not established in time')), STEP_TIMEOUT_MS);
    socket.once('session:established', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return socket;
}

export function sendMessage(socket: Socket, body: string): Promise<SentMessage> {
  return new Promise((resolve, reject) => {
    socket.timeout(STEP_TIMEOUT_MS).emit('message:send', { clientId: randomUUID(), body }, (err: Error | null, result: SendAck) => {
      if (err) reject(err);
      else if (!result.ok) reject(new Error(`message refused: ${result.error.message}`));
      else resolve({ conversationId: result.data.event.conversationId, seq: result.data.event.seq });
    });
  });
}

/** Runs `task` over 0..count-1 with at most `width` in flight, keeping results in order. */
export async function pipelined<T>(count: number, width: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
  return results;
}

/**
 * Bodies of varied length, so the console's log has messages of one, two and
 * several lines, as real chats do (a windowed list must cope with that).
 */
export function messageBody(index: number): string {
  const filler = 'Tinc una pregunta sobre la comanda i la talla de les sabates. ';
  return `Message ${index + 1}. ${filler.repeat(index % 5)}`.trim();
}

export interface Seeded {
  /** One open conversation per visitor, in the order they were created. */
  conversationIds: string[];
  /** Still connected: they talk during the frame measurement. */
  talkers: Socket[];
  long: { conversationId: string; lastSeq: number };
}

/**
 * Seeds over the real protocol: `conversations` visitors with one message
 * each (the first `talkers` kept connected), then one visitor whose
 * conversation gets `longMessages` messages, sent pipelined. The long one is
 * created last, so it is the newest row of the inbox.
 */
export async function seed(target: VisitorTarget, conversations: number, longMessages: number, talkers: number): Promise<Seeded> {
  const kept: Socket[] = new Array<Socket>(talkers);
  const conversationIds = await pipelined(conversations, 50, async (index) => {
    const socket = await connectVisitor(target);
    try {
      const sent = await sendMessage(socket, messageBody(index));
      if (index < talkers) kept[index] = socket;
      else socket.disconnect();
      return sent.conversationId;
    } catch (error) {
      socket.disconnect();
      throw error;
    }
  });
  const longVisitor = await connectVisitor(target);
  try {
    // The first message opens the conversation; the rest may then race each other.
    const first = await sendMessage(longVisitor, messageBody(0));
    const rest = await pipelined(longMessages - 1, 50, (index) => sendMessage(longVisitor, messageBody(index + 1)));
    const lastSeq = Math.max(first.seq, ...rest.map((message) => message.seq));
    return { conversationIds, talkers: kept, long: { conversationId: first.conversationId, lastSeq } };
  } finally {
    longVisitor.disconnect();
  }
}
