import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpBalancer {
  url: string;
  close(): Promise<void>;
}

/**
 * The load balancer in front of a test cluster: each new TCP connection goes
 * to the next node in turn, and to the one after when a node refuses (it was
 * killed), as a balancer's health check would soon arrange. WebSocket-only
 * clients need nothing more (a socket lives on one connection).
 */
export async function startTcpBalancer(ports: readonly number[]): Promise<TcpBalancer> {
  let next = 0;
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const server: Server = createServer((client) => {
    track(client);
    client.pause();
    const tryNode = (attempt: number) => {
      if (attempt >= ports.length) return client.destroy();
      const port = ports[next++ % ports.length]!;
      const upstream = connect(port, '127.0.0.1');
      let reached = false;
      upstream.once('error', () => {
        if (!reached) tryNode(attempt + 1);
      });
      upstream.once('connect', () => {
        reached = true;
        track(upstream);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryNode(0);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
