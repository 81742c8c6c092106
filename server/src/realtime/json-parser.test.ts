import * as parser from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { JsonEncoder } from './json-parser.ts';

const packets: parser.Packet[] = [
  { type: parser.PacketType.CONNECT, nsp: '/visitor', data: { sid: 'abc' } },
  { type: parser.PacketType.CONNECT, nsp: '/' },
  { type: parser.PacketType.DISCONNECT, nsp: '/agent' },
  { type: parser.PacketType.EVENT, nsp: '/visitor', data: ['message:created', { body: 'Hola, «què tal»? 👋', n: 0, empty: null }] },
  { type: parser.PacketType.EVENT, nsp: '/agent', id: 12, data: ['team:list', {}] },
  { type: parser.PacketType.ACK, nsp: '/visitor', id: 0, data: [{ ok: true, data: { seq: 3 } }] },
  { type: parser.PacketType.CONNECT_ERROR, nsp: '/visitor', data: { message: 'unknown_site' } },
];

describe('the JSON-only encoder', () => {
  it.each(packets)('writes exactly what the stock encoder writes for %j', (packet) => {
    expect(new JsonEncoder().encode(packet)).toEqual(new parser.Encoder().encode(packet));
  });

  it('round-trips through the stock decoder, which the clients use', () => {
    const decoded: parser.Packet[] = [];
    const decoder = new parser.Decoder();
    decoder.on('decoded', (packet: parser.Packet) => decoded.push(packet));
    const packet = packets[4]!;
    for (const text of new JsonEncoder().encode(packet)) decoder.add(text);
    expect(decoded).toEqual([packet]);
  });
});
