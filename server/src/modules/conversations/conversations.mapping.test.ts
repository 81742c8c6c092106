import { describe, expect, it } from 'vitest';
import { ConversationEvent, VisitorEvent, type AttachmentInfo, type ProductCard } from '@mostrador/shared';
import { toEvent, toMessageEvent, toVisitorEvent } from './conversations.mapping.ts';
import type { EventRow } from './conversations.types.ts';

/**
 * Stored lines to the contract's shapes: agents get every line with its
 * details; the visitor gets the lines it may see, numbered in its own
 * sequence, and never a note or a state. Internal columns (an agent's "don't
 * email") stop here. Each shape is checked exactly and against the contract's
 * own schema, which clients parse with.
 */
const AT = 1_765_000_000_000;
const marta = { id: 'agt_marta', name: 'Marta' };
const bernat = { id: 'agt_bernat', name: 'Bernat' };
const orders = { id: 'dep_orders', name: 'Orders' };
const byMarta = { kind: 'agent', id: marta.id, name: marta.name } as const;

function row(fields: Partial<EventRow> & Pick<EventRow, 'type' | 'seq' | 'visitorSeq'>): EventRow {
  return {
    conversationId: 'cnv_1',
    authorKind: 'agent',
    authorId: marta.id,
    authorName: marta.name,
    clientId: null,
    body: null,
    status: null,
    data: null,
    createdAt: AT,
    ...fields,
  };
}

const line = (seq: number) => ({ conversationId: 'cnv_1', seq, author: byMarta, createdAt: AT });

const photo: AttachmentInfo = { id: 'att_1', name: 'talla.jpg', mime: 'image/jpeg', type: 'image', size: 2048 };
const boots: ProductCard = {
  name: 'Botes',
  url: 'https://shop.example/botes',
  price: 89.9,
  currency: 'EUR',
  image: null,
  sku: 'B-42',
};

describe('a message', () => {
  it('carries its files and product card to both sides, in each side’s numbering, and never the "don’t email" mark', () => {
    const stored = row({
      type: 'message',
      seq: 7,
      visitorSeq: 5,
      clientId: 'msg-client-1',
      body: 'Aquestes?',
      data: { noEmail: true, attachments: [photo], product: boots },
    });
    const message = { type: 'message', clientId: 'msg-client-1', body: 'Aquestes?', attachments: [photo], product: boots };
    expect(toEvent(stored)).toEqual({ ...line(7), ...message });
    expect(toVisitorEvent(stored)).toEqual({ ...line(5), ...message });
    expect(ConversationEvent.parse(toEvent(stored))).toEqual(toEvent(stored));
    expect(VisitorEvent.parse(toVisitorEvent(stored))).toEqual(toVisitorEvent(stored));
    expect(toMessageEvent(toVisitorEvent(stored))).toEqual({ ...line(5), ...message });
  });

  it('without files or a card has neither key', () => {
    const stored = row({ type: 'message', seq: 2, visitorSeq: 2, clientId: 'msg-client-2', body: 'Hola' });
    expect(Object.keys(toEvent(stored)).sort()).toEqual(['author', 'body', 'clientId', 'conversationId', 'createdAt', 'seq', 'type']);
    expect(Object.keys(toVisitorEvent(stored) ?? {}).sort()).toEqual(Object.keys(toEvent(stored)).sort());
  });
});

describe('the agents’ own lines', () => {
  it('a note keeps its mentions for agents and never reaches the visitor', () => {
    const stored = row({
      type: 'note',
      seq: 3,
      visitorSeq: null,
      clientId: 'note-1',
      body: '@Bernat mira-ho',
      data: { mentions: [bernat] },
    });
    expect(toEvent(stored)).toEqual({ ...line(3), type: 'note', body: '@Bernat mira-ho', mentions: [bernat] });
    expect(toVisitorEvent(stored)).toBeNull();
    const plain = row({ type: 'note', seq: 4, visitorSeq: null, clientId: 'note-2', body: 'VIP' });
    expect(toEvent(plain)).toEqual({ ...line(4), type: 'note', body: 'VIP' });
  });

  it('a state keeps which state, until when, and why; the visitor never hears it', () => {
    const snoozed = row({
      type: 'state',
      seq: 5,
      visitorSeq: null,
      status: 'snoozed',
      data: { snoozedUntil: AT + 3_600_000, stateReason: 'agent' },
    });
    expect(toEvent(snoozed)).toEqual({ ...line(5), type: 'state', state: 'snoozed', snoozedUntil: AT + 3_600_000, reason: 'agent' });
    const pending = row({
      type: 'state',
      seq: 6,
      visitorSeq: null,
      status: 'pending',
      data: { snoozedUntil: null, stateReason: 'ticket' },
    });
    expect(toEvent(pending)).toMatchObject({ state: 'pending', snoozedUntil: null, reason: 'ticket' });
    const woken = row({ type: 'state', seq: 7, visitorSeq: null, status: 'open', data: { snoozedUntil: null, stateReason: 'customer' } });
    expect(toEvent(woken)).toMatchObject({ state: 'open', snoozedUntil: null, reason: 'customer' });
    for (const stored of [snoozed, pending, woken]) expect(toVisitorEvent(stored)).toBeNull();
  });
});

describe('the lines both sides see', () => {
  const cases: Array<[string, EventRow, Record<string, unknown>]> = [
    ['closed', row({ type: 'status', seq: 9, visitorSeq: 6, status: 'closed' }), { type: 'status', status: 'closed' }],
    ['reopened', row({ type: 'status', seq: 9, visitorSeq: 6, status: 'open' }), { type: 'status', status: 'open' }],
    [
      'a guest joined',
      row({ type: 'joined', seq: 9, visitorSeq: 6, data: { agent: bernat, role: 'guest' } }),
      { type: 'joined', agent: bernat, role: 'guest' },
    ],
    [
      'its agent joined',
      row({ type: 'joined', seq: 9, visitorSeq: 6, data: { agent: marta, role: 'assignee' } }),
      { type: 'joined', agent: marta, role: 'assignee' },
    ],
    [
      'left by hand',
      row({ type: 'left', seq: 9, visitorSeq: 6, data: { agent: bernat, reason: 'left' } }),
      { type: 'left', agent: bernat, reason: 'left' },
    ],
    [
      'left offline',
      row({ type: 'left', seq: 9, visitorSeq: 6, data: { agent: marta, reason: 'offline' } }),
      { type: 'left', agent: marta, reason: 'offline' },
    ],
    [
      'left in a transfer',
      row({ type: 'left', seq: 9, visitorSeq: 6, data: { agent: marta, reason: 'transferred' } }),
      { type: 'left', agent: marta, reason: 'transferred' },
    ],
    [
      'queued by a transfer',
      row({ type: 'queued', seq: 9, visitorSeq: 6, data: { department: orders, reason: 'transferred' } }),
      { type: 'queued', department: orders, reason: 'transferred' },
    ],
    [
      'requeued site-wide',
      row({ type: 'queued', seq: 9, visitorSeq: 6, data: { department: null, reason: 'requeued' } }),
      { type: 'queued', department: null, reason: 'requeued' },
    ],
  ];

  it.each(cases)('%s: the same details to both, each in its own numbering', (_, stored, details) => {
    expect(toEvent(stored)).toEqual({ ...line(9), ...details });
    expect(toVisitorEvent(stored)).toEqual({ ...line(6), ...details });
    expect(ConversationEvent.parse(toEvent(stored))).toEqual(toEvent(stored));
    expect(VisitorEvent.parse(toVisitorEvent(stored))).toEqual(toVisitorEvent(stored));
  });

  it('is not a message: asking for one throws', () => {
    const [, stored] = cases[0]!;
    expect(() => toMessageEvent(toEvent(stored))).toThrow('not a message event');
    expect(() => toMessageEvent(null)).toThrow('not a message event');
  });
});

describe('one row after another', () => {
  it('each row maps to its own line, whichever was mapped just before', () => {
    const first = row({ type: 'message', seq: 1, visitorSeq: 1, clientId: 'msg-a', body: 'a' });
    const second = row({ type: 'note', seq: 2, visitorSeq: null, clientId: 'note-b', body: 'b' });
    expect(toEvent(first)).toMatchObject({ seq: 1, body: 'a' });
    expect(toEvent(second)).toMatchObject({ seq: 2, body: 'b' });
    expect(toVisitorEvent(first)).toMatchObject({ seq: 1, body: 'a' });
    expect(toVisitorEvent(second)).toBeNull();
    expect(toEvent(first)).toMatchObject({ type: 'message', seq: 1 });
  });
});

describe('a line with its details missing', () => {
  // Rows written before a detail was stored, or by a path that had none to give, still read as a valid line.
  // (Every message row has its client id: the contract requires one, so no default is checked for it.)
  const unknownAgent = { id: 'agt_unknown', name: '' };
  const cases: Array<[string, EventRow, Record<string, unknown>]> = [
    ['a status', row({ type: 'status', seq: 9, visitorSeq: 6 }), { type: 'status', status: 'open' }],
    ['a join', row({ type: 'joined', seq: 9, visitorSeq: 6 }), { type: 'joined', agent: unknownAgent, role: 'assignee' }],
    ['a leave', row({ type: 'left', seq: 9, visitorSeq: 6 }), { type: 'left', agent: unknownAgent, reason: 'transferred' }],
    ['a place in line', row({ type: 'queued', seq: 9, visitorSeq: 6 }), { type: 'queued', department: null, reason: 'new' }],
  ];

  it.each(cases)('%s reads with the contract’s defaults, on both sides', (_, stored, details) => {
    expect(toEvent(stored)).toEqual({ ...line(9), ...details });
    expect(toVisitorEvent(stored)).toEqual({ ...line(6), ...details });
    expect(ConversationEvent.parse(toEvent(stored))).toEqual(toEvent(stored));
  });

  it('a note reads as empty, and a state as open, set by an agent, with no snooze', () => {
    expect(toEvent(row({ type: 'note', seq: 9, visitorSeq: null }))).toEqual({ ...line(9), type: 'note', body: '' });
    expect(toEvent(row({ type: 'state', seq: 10, visitorSeq: null }))).toEqual({
      ...line(10),
      type: 'state',
      state: 'open',
      snoozedUntil: null,
      reason: 'agent',
    });
  });

  it('a reason it does not know reads as the default', () => {
    const odd = { reason: 'lost' } as unknown as EventRow['data'];
    expect(toEvent(row({ type: 'left', seq: 9, visitorSeq: 6, data: odd }))).toMatchObject({ reason: 'transferred' });
    expect(toEvent(row({ type: 'queued', seq: 9, visitorSeq: 6, data: odd }))).toMatchObject({ reason: 'new' });
  });
});
