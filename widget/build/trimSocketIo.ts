import type { Plugin } from 'vite';

/**
 * Socket.IO's client, cut to what the widget runs, to keep the bundle inside
 * its size budget: one WebSocket connection (no long-polling, upgrades or
 * WebTransport), JSON text packets only (no binary), options left at their
 * defaults. Three tools, each checked against the installed versions: whole
 * modules swapped for small stand-ins, class methods cut, and text rewrites.
 * A cut or rewrite that no longer matches (after an upgrade) warns, so it is
 * noticed.
 */

/**
 * engine.io-client carries its own URI parser (a large regular expression,
 * written for platforms without `URL`). The widget runs only where `URL`
 * exists, so the same fields come from it. Its only caller, the engine's
 * constructor, reads protocol (without the colon), host (IPv6 without
 * brackets), port ('' for the default) and query.
 */
const URL_PARSE = `export function parse(source) {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\\/\\//i.test(source) ? source : 'http://' + source);
  return { protocol: url.protocol.slice(0, -1), host: url.hostname.replace(/^\\[|\\]$/g, ''), port: url.port, query: url.search.slice(1) };
}`;

/**
 * Engine.IO packets are text only on our connection: the type's digit and
 * the data, both ways; anything else (a binary frame, a base64 one) decodes
 * to the parser error, which closes the connection, as our JSON-only
 * Socket.IO codec does (src/transport/jsonParser.ts).
 */
const ENGINE_TYPES = `const TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'];`;
const ENGINE_ENCODE = `${ENGINE_TYPES}
export const encodePacket = ({ type, data }, _supportsBinary, callback) => callback(TYPES.indexOf(type) + (data || ''));
// Only the WebTransport stream encoder (stubbed) calls this.
export const encodePacketToBinary = () => {};`;
const ENGINE_DECODE = `${ENGINE_TYPES}
export const decodePacket = (text) => {
  const type = typeof text === 'string' && TYPES[text[0]];
  return !type ? { type: 'error', data: 'parser error' } : text.length > 1 ? { type, data: text.slice(1) } : { type };
};`;

/** Reconnection delays: the same doubling with jitter, for the min, max and jitter (0..1) the Manager always passes (its setters went with the getter-setters cut below). */
const BACKOFF = `export function Backoff(o) { this.ms = o.min; this.max = o.max; this.jitter = o.jitter; this.attempts = 0; }
Backoff.prototype = {
  duration() {
    const ms = this.ms * 2 ** this.attempts++, rand = Math.random(), deviation = Math.floor(rand * this.jitter * ms);
    return Math.min(Math.floor(rand * 10) & 1 ? ms + deviation : ms - deviation, this.max) | 0;
  },
  reset() { this.attempts = 0; },
};`;

/** Modules replaced by stand-ins, keyed by the importer's package and the import specifier. */
const STUBS: { pkg: string; source: string; code: string }[] = [
  // engine.io-client always bundles its WebTransport transport (and the stream
  // codecs it needs), though we only ever ask for 'websocket'.
  { pkg: 'engine.io-client', source: './webtransport.js', code: 'export class WT {}' },
  // Nor long-polling: the widget connects over WebSocket only (see socketTransport.ts).
  // (polling-xhr.js probes XMLHttpRequest when it loads, so it must be cut at every import.)
  { pkg: 'engine.io-client', source: './polling-xhr.node.js', code: 'export class XHR {}' },
  { pkg: 'engine.io-client', source: './transports/polling-xhr.js', code: 'export class XHR {}' },
  { pkg: 'engine.io-client', source: './transports/polling-xhr.node.js', code: 'export class XHR {}' },
  { pkg: 'engine.io-client', source: './transports/polling-fetch.js', code: 'export class Fetch {}' },
  { pkg: 'engine.io-client', source: './contrib/parseuri.js', code: URL_PARSE },
  // The query string codec, by the browser's own URLSearchParams.
  {
    pkg: 'engine.io-client',
    source: './contrib/parseqs.js',
    code: 'export const encode = (o) => new URLSearchParams(o) + ""; export const decode = (q) => Object.fromEntries(new URLSearchParams(q));',
  },
  { pkg: 'engine.io-parser', source: './encodePacket.js', code: ENGINE_ENCODE },
  { pkg: 'engine.io-parser', source: './decodePacket.js', code: ENGINE_DECODE },
  // Their shared tables, then needed only by the payload codecs of long-polling and WebTransport.
  {
    pkg: 'engine.io-parser',
    source: './commons.js',
    code: 'export const PACKET_TYPES = {}, PACKET_TYPES_REVERSE = {}, ERROR_PACKET = {};',
  },
  { pkg: 'socket.io-client', source: './contrib/backo2.js', code: BACKOFF },
];

/**
 * Methods cut (class methods cannot be tree-shaken). Each was checked to have
 * no caller inside the libraries: the `onAny` family, `emitWithAck`,
 * `compress`, `volatile`, `send`, `disconnect`/`close` and `disconnected` are
 * public API the widget does not use (it never disconnects on purpose), and
 * `_addToQueue` and `_drainQueue` serve the `retries` option, which we do not
 * set, `onping` re-emits the engine's pings on the Manager, which nobody
 * hears, and `notifyOutgoingListeners` the `onAnyOutgoing` family. `_probe`
 * upgrades long-polling to WebSocket, which never happens with
 * `upgrade: false` (socketTransport.ts); the engine's `send` is an alias of
 * `write`, which the Manager calls; the last two are long-polling's, their
 * callers rewritten below. The Manager's reconnection getter-setters and
 * `timeout` are called only by its constructor, rewritten below to set
 * their fields at the defaults.
 */
const UNUSED_METHODS: { file: string; methods: string[] }[] = [
  {
    file: '/socket.io-client/build/esm/socket.js',
    methods: [
      'emitWithAck',
      'compress',
      'get volatile',
      'onAny',
      'prependAny',
      'offAny',
      'listenersAny',
      'onAnyOutgoing',
      'prependAnyOutgoing',
      'offAnyOutgoing',
      'listenersAnyOutgoing',
      '_addToQueue',
      '_drainQueue',
      'notifyOutgoingListeners',
      'send',
      'get disconnected',
      'disconnect',
      'close',
    ],
  },
  {
    file: '/socket.io-client/build/esm/manager.js',
    methods: [
      'connect',
      'disconnect',
      'reconnection',
      'reconnectionAttempts',
      'reconnectionDelay',
      'randomizationFactor',
      'reconnectionDelayMax',
      'timeout',
      'onping',
    ],
  },
  { file: '/engine.io-client/build/esm/socket.js', methods: ['_probe', 'send', '_getWritablePackets', '_filterUpgrades'] },
  // Only `_probe` pauses a transport.
  { file: '/engine.io-client/build/esm/transport.js', methods: ['pause'] },
];

/**
 * Text rewrites, every occurrence, after the cuts. Most pin a value the
 * widget never changes (an option it does not set, a field only a cut method
 * wrote), so the minifier drops the code behind it.
 */
const REWRITES: { file: string; from: string; to: string }[] = [
  // A message for a situation our own server rules out, shortened.
  {
    file: '/socket.io-client/build/esm/socket.js',
    from: '"It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client, but they are not compatible (more information here: https://socket.io/docs/v3/migrating-from-2-x-to-3-0/)"',
    to: '"Socket.IO v2 server"',
  },
  { file: '/socket.io-client/build/esm/socket.js', from: 'this._opts.retries', to: 'undefined' },
  { file: '/socket.io-client/build/esm/socket.js', from: 'this.flags.volatile', to: 'undefined' },
  { file: '/socket.io-client/build/esm/socket.js', from: 'this._anyListeners', to: 'undefined' },
  { file: '/socket.io-client/build/esm/socket.js', from: 'this._anyOutgoingListeners', to: 'undefined' },
  // Connection state recovery: our server does not enable it (a reconnect resyncs by sequence
  // numbers), so no CONNECT answer carries a `pid` and there is no offset to keep.
  {
    file: '/socket.io-client/build/esm/socket.js',
    from: `data: this._pid
                ? Object.assign({ pid: this._pid, offset: this._lastOffset }, data)
                : data,`,
    to: 'data,',
  },
  {
    file: '/socket.io-client/build/esm/socket.js',
    from: `if (this._pid && args.length && typeof args[args.length - 1] === "string") {
            this._lastOffset = args[args.length - 1];
        }`,
    to: '',
  },
  { file: '/socket.io-client/build/esm/socket.js', from: 'this.recovered = pid && this._pid === pid;', to: '' },
  { file: '/socket.io-client/build/esm/socket.js', from: 'this._pid = pid;', to: '' },
  // Frozen against a listener changing a buffered event's arguments: ours do not.
  {
    file: '/socket.io-client/build/esm/socket.js',
    from: 'this.receiveBuffer.push(Object.freeze(args));',
    to: 'this.receiveBuffer.push(args);',
  },
  // The `retries` queue (its methods cut above) and the outgoing listeners.
  { file: '/socket.io-client/build/esm/socket.js', from: 'this._queue = [];', to: '' },
  { file: '/socket.io-client/build/esm/socket.js', from: 'this._queueSeq = 0;', to: '' },
  { file: '/socket.io-client/build/esm/socket.js', from: 'this._drainQueue(true);', to: '' },
  { file: '/socket.io-client/build/esm/socket.js', from: 'this.notifyOutgoingListeners(packet);', to: '' },
  {
    // Reserved names are Socket.IO's own events; the widget emits only the
    // contract's commands (typed in socketTransport.ts), never one of them.
    file: '/socket.io-client/build/esm/socket.js',
    from: `if (RESERVED_EVENTS.hasOwnProperty(ev)) {
            throw new Error('"' + ev.toString() + '" is a reserved event name');
        }`,
    to: '',
  },
  {
    // Read only for `volatile` packets, which the widget never sends.
    file: '/socket.io-client/build/esm/socket.js',
    from: 'const isTransportWritable = (_b = (_a = this.io.engine) === null || _a === void 0 ? void 0 : _a.transport) === null || _b === void 0 ? void 0 : _b.writable;',
    to: 'const isTransportWritable = true;',
  },
  {
    // Per-message compression flags: a browser's WebSocket takes none (permessage-deflate is the browser's to negotiate).
    file: '/socket.io-client/build/esm/socket.js',
    from: `packet.options = {};
        packet.options.compress = this.flags.compress !== false;`,
    to: '',
  },
  {
    // Hangs `Manager` and friends on `io()`, for old callers: a side effect
    // that would keep `io()` and its URL parsing in the bundle, though
    // socketTransport.ts builds its own Manager.
    file: '/socket.io-client/build/esm/index.js',
    from: 'Object.assign(lookup, {\n    Manager,\n    Socket,\n    io: lookup,\n    connect: lookup,\n});',
    to: '',
  },
  { file: '/socket.io-client/build/esm/manager.js', from: 'this.opts.autoUnref', to: 'false' },
  {
    // The codec as named imports: a namespace import would bundle a module object (getters, a toStringTag) for two classes.
    file: '/socket.io-client/build/esm/manager.js',
    from: 'import * as parser from "socket.io-parser";',
    to: 'import { Encoder, Decoder } from "socket.io-parser";\nconst parser = { Encoder, Decoder };',
  },
  // The Manager's own events: its sockets hear only open, packet, error and close, and the widget none.
  { file: '/socket.io-client/build/esm/manager.js', from: 'on(socket, "ping", this.onping.bind(this)), ', to: '' },
  { file: '/socket.io-client/build/esm/manager.js', from: 'this.emitReserved("reconnect_failed");', to: '' },
  { file: '/socket.io-client/build/esm/manager.js', from: 'this.emitReserved("reconnect_attempt", self.backoff.attempts);', to: '' },
  { file: '/socket.io-client/build/esm/manager.js', from: 'this.emitReserved("reconnect_error", err);', to: '' },
  { file: '/socket.io-client/build/esm/manager.js', from: 'this.emitReserved("reconnect", attempt);', to: '' },
  {
    // The reconnection options, at the defaults the widget leaves them
    // (socketTransport.ts sets none): fields, not the getter-setters cut above.
    file: '/socket.io-client/build/esm/manager.js',
    from: `        this.reconnection(opts.reconnection !== false);
        this.reconnectionAttempts(opts.reconnectionAttempts || Infinity);
        this.reconnectionDelay(opts.reconnectionDelay || 1000);
        this.reconnectionDelayMax(opts.reconnectionDelayMax || 5000);
        this.randomizationFactor((_a = opts.randomizationFactor) !== null && _a !== void 0 ? _a : 0.5);
        this.backoff = new Backoff({
            min: this.reconnectionDelay(),
            max: this.reconnectionDelayMax(),
            jitter: this.randomizationFactor(),
        });
        this.timeout(null == opts.timeout ? 20000 : opts.timeout);`,
    to: `        this._reconnection = true;
        this._reconnectionAttempts = Infinity;
        this.backoff = new Backoff({ min: 1000, max: 5000, jitter: 0.5 });
        this._timeout = 20000;`,
  },
  // Long-polling only: a payload size cap across packets, and transports to upgrade to.
  { file: '/engine.io-client/build/esm/socket.js', from: 'this._getWritablePackets()', to: 'this.writeBuffer' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this._upgrades = this._filterUpgrades(data.upgrades);', to: '' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'opts.transportImplementations', to: 'undefined' },
  {
    file: '/engine.io-client/build/esm/socket.js',
    from: '(((_a = opts.transports) === null || _a === void 0 ? void 0 : _a.length) && typeof opts.transports[0] === "function")',
    to: 'false',
  },
  // Always ['websocket'] (socketTransport.ts).
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.transports.length === 0', to: 'false' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.opts.closeOnBeforeunload', to: 'false' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.opts.withCredentials', to: 'false' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.opts.rememberUpgrade', to: 'false' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.opts.tryAllTransports', to: 'false' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.opts.upgrade', to: 'false' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.upgrading', to: 'false' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.opts.autoUnref', to: 'false' },
  // Events of the engine that nobody listens to (the Manager hears open, ping, data, error and close;
  // the engine's own close waits for drain), and a write's callback, which the Manager never passes.
  {
    // The defaults of options the rewrites here pin (or the WebSocket's pick drops): only these two are read.
    file: '/engine.io-client/build/esm/socket.js',
    from: `{
            path: "/engine.io",
            agent: false,
            withCredentials: false,
            upgrade: true,
            timestampParam: "t",
            rememberUpgrade: false,
            addTrailingSlash: true,
            rejectUnauthorized: true,
            perMessageDeflate: {
                threshold: 1024,
            },
            transportOptions: {},
            closeOnBeforeunload: false,
        }`,
    to: '{ path: "/engine.io", addTrailingSlash: true }',
  },
  {
    // Per-transport options: none is set.
    file: '/engine.io-client/build/esm/socket.js',
    from: ', this.opts.transportOptions[name]);',
    to: ');',
  },
  // Read only by `rememberUpgrade`, pinned to false above.
  { file: '/engine.io-client/build/esm/socket.js', from: 'Socket.priorWebsocketSuccess = "websocket" === this.transport.name;', to: '' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'Socket.priorWebsocketSuccess = false;', to: '' },
  {
    // Set only under `closeOnBeforeunload`, pinned to false above.
    file: '/engine.io-client/build/esm/socket.js',
    from: `if (this._beforeunloadEventListener) {
                    removeEventListener("beforeunload", this._beforeunloadEventListener, false);
                }`,
    to: '',
  },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.emitReserved("packet", packet);', to: '' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.emitReserved("heartbeat");', to: '' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.emitReserved("pong");', to: '' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.emitReserved("message", packet.data);', to: '' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.emitReserved("handshake", data);', to: '' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.emitReserved("flush");', to: '' },
  { file: '/engine.io-client/build/esm/socket.js', from: 'this.emitReserved("packetCreate", packet);', to: '' },
  {
    file: '/engine.io-client/build/esm/socket.js',
    from: `options = options || {};
        options.compress = false !== options.compress;`,
    to: '',
  },
  {
    file: '/engine.io-client/build/esm/socket.js',
    from: `if (fn)
            this.once("flush", fn);`,
    to: '',
  },
  {
    // Node's `ws` options: a browser's WebSocket takes none of them.
    file: '/engine.io-client/build/esm/transports/websocket.js',
    from: 'pick(this.opts, "agent", "perMessageDeflate", "pfx", "key", "passphrase", "cert", "ca", "ciphers", "rejectUnauthorized", "localAddress", "protocolVersion", "origin", "maxPayload", "family", "checkServerIdentity")',
    to: '{}',
  },
  {
    file: '/engine.io-client/build/esm/transports/websocket.js',
    from: 'typeof navigator !== "undefined" &&\n    typeof navigator.product === "string" &&\n    navigator.product.toLowerCase() === "reactnative"',
    to: 'false',
  },
  { file: '/engine.io-client/build/esm/transports/websocket.js', from: 'this.opts.extraHeaders', to: 'undefined' },
  { file: '/engine.io-client/build/esm/transports/websocket.js', from: 'this.opts.protocols', to: 'undefined' },
  {
    // Binary is always supported (`forceBase64` is never set), so the query never asks for base64.
    file: '/engine.io-client/build/esm/transports/websocket.js',
    from: `if (!this.supportsBinary) {
            query.b64 = 1;
        }`,
    to: '',
  },
  { file: '/engine.io-client/build/esm/transports/websocket.js', from: 'this.opts.timestampRequests', to: 'false' },
  { file: '/engine.io-client/build/esm/transports/websocket.js', from: 'this.opts.autoUnref', to: 'false' },
];

/**
 * Socket.IO's internal member names, which widget.js's build shortens like
 * its `_private` ones (build/shared.ts): methods and fields only its own
 * classes read. None is a DOM name (`onopen`, `readyState`, `binaryType`
 * stay), a wire name (`pingInterval`, `sid`) or a name the panel chunk
 * reads across the boundary (`on`, `connected`, `transport`).
 */
export const SOCKET_IO_INTERNALS = [
  'emitReserved',
  'setTimeoutFn',
  'clearTimeoutFn',
  'writeBuffer',
  'skipReconnect',
  'sendBuffer',
  'receiveBuffer',
  'backoff',
  'subs',
  'attempts',
  'acks',
  'engine',
  'emitBuffered',
  'subEvents',
  'onpacket',
  'onevent',
  'emitEvent',
  'onack',
  'onconnect',
  'ondisconnect',
  'maybeReconnectOnOpen',
  'ondata',
  'ondecoded',
  'cleanup',
  'onreconnect',
  'createTransport',
  'setTransport',
  'onHandshake',
  'createUri',
  'doOpen',
  'doClose',
  'doWrite',
  'addEventListeners',
  'createSocket',
  'supportsBinary',
  'nsps',
  'encoder',
  'decoder',
  'onData',
  'onPacket',
  'onClose',
  'onError',
  'onOpen',
  'recovered',
  'secure',
  'opts',
  'writable',
  'transports',
  'nsp',
  'ids',
  'flags',
  'uri',
];

/**
 * Cuts `    name(…) {` … `    }` (methods sit at four spaces in these builds,
 * their bodies deeper), or the one line of an empty `    name(…) { }`.
 */
function withoutMethod(code: string, method: string): string | null {
  const start = code.indexOf(`\n    ${method}(`);
  if (start === -1) return null;
  const lineEnd = code.indexOf('\n', start + 1);
  if (/\{\s*\}$/.test(code.slice(start, lineEnd))) return code.slice(0, start) + code.slice(lineEnd);
  const end = code.indexOf('\n    }\n', start);
  return end === -1 ? null : code.slice(0, start) + code.slice(end + '\n    }'.length);
}

const STUB_PREFIX = '\0mostrador:stub:';

export function trimSocketIo(): Plugin {
  return {
    name: 'mostrador:trim-socket.io',
    enforce: 'pre',
    transform(code, id) {
      let changed = code;
      for (const { file, methods } of UNUSED_METHODS) {
        if (!id.endsWith(file)) continue;
        for (const method of methods) {
          const cut = withoutMethod(changed, method);
          if (cut === null) this.warn(`method ${method} not found in ${id}`);
          else changed = cut;
        }
      }
      for (const { file, from, to } of REWRITES) {
        if (!id.endsWith(file)) continue;
        if (changed.includes(from)) changed = changed.replaceAll(from, to);
        else this.warn(`expected text not found in ${id}: ${from.slice(0, 40)}…`);
      }
      return changed === code ? null : { code: changed, map: null };
    },
    resolveId(source, importer) {
      const index = STUBS.findIndex((stub) => stub.source === source && importer?.includes(`/${stub.pkg}/`));
      return index === -1 ? null : STUB_PREFIX + index;
    },
    load(id) {
      return id.startsWith(STUB_PREFIX) ? STUBS[Number(id.slice(STUB_PREFIX.length))]!.code : null;
    },
  };
}
