import { Emitter } from '@socket.io/component-emitter';

/**
 * The widget's Socket.IO packet codec, in place of `socket.io-parser` (the
 * build aliases that module here; see vite.config.ts). Same text format and
 * protocol version, minus binary attachments: the visitor contract is JSON
 * both ways, and the server writes JSON only (server/src/realtime/json-parser.ts).
 * A third of the size of the stock parser.
 */
export const protocol = 5;

/** socket.io-client reads these by name; a plain object, as a TS enum would add the reverse mapping (name by number), which nothing reads. */
export const PacketType = {
  CONNECT: 0,
  DISCONNECT: 1,
  EVENT: 2,
  ACK: 3,
  CONNECT_ERROR: 4,
  BINARY_EVENT: 5,
  BINARY_ACK: 6,
} as const;
export type PacketType = (typeof PacketType)[keyof typeof PacketType];

export interface Packet {
  type: PacketType;
  nsp: string;
  data?: unknown;
  id?: number;
}

export class Encoder {
  encode(packet: Packet): string[] {
    let text = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
    if (packet.id != null) text += packet.id;
    if (packet.data != null) text += JSON.stringify(packet.data);
    return [text];
  }
}

const PACKET = /^([0-4])(\/[^,]*)?,?(\d*)([\s\S]*)$/;

/** Throws on anything but a text packet of a known type: the manager then closes the connection ("parse error"). */
export class Decoder extends Emitter<Record<string, never>, Record<string, never>, { decoded: (packet: Packet) => void }> {
  add(chunk: unknown): void {
    const match = typeof chunk === 'string' ? PACKET.exec(chunk) : null;
    if (!match) throw new Error('unsupported packet');
    const [, type, nsp, id, data] = match;
    const packet: Packet = { type: Number(type) as PacketType, nsp: nsp || '/' };
    if (id) packet.id = Number(id);
    if (data) packet.data = JSON.parse(data);
    this.emitReserved('decoded', packet);
  }

  destroy(): void {}
}
