import * as stock from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { Decoder, Encoder, PacketType, protocol, type Packet } from './jsonParser.ts';

const packets: Packet[] = [
  { type: PacketType.CONNECT, nsp: '/visitor', data: { siteKey: 'abc', token: 't-1' } },
  { type: PacketType.CONNECT, nsp: '/' },
  { type: PacketType.EVENT, nsp: '/visitor', data: ['message:send', { clientId: 'c-1', body: 'Hola, 1,2,3 "cometes" i 👋' }], id: 12 },
  { type: PacketType.EVENT, nsp: '/visitor', data: ['typing:set', { typing: true }] },
  { type: PacketType.ACK, nsp: '/visitor', data: [{ ok: true, data: null }], id: 7 },
  { type: PacketType.DISCONNECT, nsp: '/visitor' },
  { type: PacketType.CONNECT_ERROR, nsp: '/visitor', data: { message: 'unknown_site' } },
  { type: PacketType.EVENT, nsp: '/', data: ['x', 42], id: 0 },
];

function decodeWith(decoder: { add(chunk: string): void; on(event: 'decoded', listener: (p: unknown) => void): unknown }, text: string) {
  let decoded: unknown;
  decoder.on('decoded', (packet: unknown) => (decoded = packet));
  decoder.add(text);
  return decoded;
}

describe('the widget’s JSON-only Socket.IO codec', () => {
  it('speaks the stock protocol version', () => {
    expect(protocol).toBe(stock.protocol);
    // The stock enum also maps each number back to its name, which no caller reads.
    const byName = Object.entries(stock.PacketType).filter(([name]) => Number.isNaN(Number(name)));
    expect(PacketType).toEqual(Object.fromEntries(byName));
  });

  it('encodes exactly as the stock encoder does', () => {
    for (const packet of packets) expect(new Encoder().encode(packet)).toEqual(new stock.Encoder().encode(packet));
  });

  it('decodes what the stock encoder writes into the packets the stock decoder gives', () => {
    for (const packet of packets) {
      const [text] = new stock.Encoder().encode(packet) as string[];
      expect(decodeWith(new Decoder(), text!), text).toEqual(decodeWith(new stock.Decoder(), text!));
    }
  });

  it('refuses binary packets and garbage, so the connection closes instead of misreading them', () => {
    for (const text of ['51-/visitor,["file",{"_placeholder":true,"num":0}]', '9', '', '2/visitor,[broken']) {
      expect(() => new Decoder().add(text), text).toThrow();
    }
    expect(() => new Decoder().add(new ArrayBuffer(4))).toThrow();
  });
});
