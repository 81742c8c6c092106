import { afterEach, beforeEach } from 'vitest';
import { startTestServer, type AgentSocket, type TestConfig, type TestServer, type VisitorSocket } from './harness.ts';

/**
 * A fresh server for each test of the file, closed after it together with the
 * sockets the test opened (push them to `sockets`); `setup` runs once the
 * server is up (agents, departments). Read `server` inside a test only.
 */
export function serverPerTest(overrides: TestConfig = {}, setup?: (server: TestServer) => Promise<void>) {
  let current: TestServer | undefined;
  const sockets: Array<VisitorSocket | AgentSocket> = [];
  beforeEach(async () => {
    current = await startTestServer(overrides);
    await setup?.(current);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await current?.close();
  });
  return {
    get server(): TestServer {
      if (!current) throw new Error('no server: use it inside a test');
      return current;
    },
    sockets,
  };
}
