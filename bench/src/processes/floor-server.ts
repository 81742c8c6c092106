// The floor: a bare Socket.IO relay with the same transport, namespaces and
// process layout as Mostrador, but no validation, no persistence, no routing.
// A visitor's message goes to one agent's room and is acked at once.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const agents = Number(process.env.BENCH_AGENTS ?? 50);
// Shoppers' uploads (the burst figure): read to the end and answered, nothing checked or kept, as messages are relayed unstored.
const http = createServer((request, response) => {
  if (request.method !== 'POST' || !request.url?.startsWith('/api/visitor/attachments')) return;
  request.on('data', () => undefined);
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});
const io = new Server(http, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 64 * 1024 });
const agentNs = io.of('/agent');
let seq = 0;

io.of('/visitor').on('connection', (socket) => {
  const n = Number((socket.handshake.auth as { n?: number }).n ?? 0);
  const room = `agent:${n % agents}`;
  socket.on('message:send', (payload: { clientId: string; body: string }, ack: (r: unknown) => void) => {
    seq += 1;
    const event = { conversationId: `c${n}`, seq, type: 'message', clientId: payload.clientId, body: payload.body };
    agentNs.to(room).emit('message:created', { event });
    socket.emit('message:created', { event });
    ack({ ok: true, data: { event } });
  });
});
agentNs.on('connection', (socket) => {
  void socket.join(`agent:${Number((socket.handshake.auth as { index?: number }).index ?? 0)}`);
});

http.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', () => {
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`READY ${JSON.stringify({ port, pid: process.pid, siteKey: 'floor', agents: [], admin: '' })}`);
});
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  console.log(`METRICS ${JSON.stringify(process.memoryUsage())}`);
});
