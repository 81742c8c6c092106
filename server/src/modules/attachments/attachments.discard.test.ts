import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, startTestServer, visitorCommand, type AgentSocket, type TestServer, type VisitorSocket } from '../../testing/harness.ts';
import { agentClient, filesOnDisk, newClientId, shopperClient, uploaded } from './test-clients.ts';
import { pdf, png } from './test-files.ts';

let server: TestServer;
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeEach(async () => {
  server = await startTestServer();
  await addAgent(server, { email: 'admin@shop.example', name: 'Admin', role: 'admin' });
  await addAgent(server, { email: 'other@shop.example', name: 'Other', role: 'admin' });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

describe('taking back a file not sent yet', () => {
  it('removes a shopper’s own unsent upload at once, row and bytes; another shopper, or a second try, gets not found', async () => {
    const shopper = await shopperClient(server, sockets);
    const stranger = await shopperClient(server, sockets);
    const [wrong, kept] = [await uploaded(await shopper.upload(png(), 'wrong.png')), await uploaded(await shopper.upload(pdf(), 'ok.pdf'))];
    expect(filesOnDisk(server)).toHaveLength(2);

    const foreign = await stranger.discard(wrong.id);
    expect(foreign.status).toBe(404);
    expect(filesOnDisk(server)).toHaveLength(2);

    expect((await shopper.discard(wrong.id)).status).toBe(204);
    expect(filesOnDisk(server)).toHaveLength(1);
    expect((await shopper.link(wrong.id)).status).toBe(404);
    const again = await shopper.discard(wrong.id);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual(await foreign.json());
    // The other file is untouched and can still be sent.
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: newClientId(), body: '', attachments: [kept.id] });
    expect(sent.ok).toBe(true);
  });

  it('keeps a file once it is sent: it belongs to the conversation now', async () => {
    const shopper = await shopperClient(server, sockets);
    const photo = await uploaded(await shopper.upload(png(), 'sent.png'));
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: newClientId(), body: 'mireu', attachments: [photo.id] });
    expect(sent.ok).toBe(true);
    expect((await shopper.discard(photo.id)).status).toBe(404);
    expect(filesOnDisk(server)).toHaveLength(1);
    expect((await shopper.link(photo.id)).status).toBe(200);
  });

  it('lets an agent take back only their own unsent upload, not a colleague’s nor a shopper’s', async () => {
    const admin = await agentClient(server, sockets, 'admin@shop.example');
    const other = await agentClient(server, sockets, 'other@shop.example');
    const shopper = await shopperClient(server, sockets);
    const invoice = await uploaded(await admin.upload(pdf(), 'invoice.pdf'));
    const photo = await uploaded(await shopper.upload(png(), 'photo.png'));

    expect((await other.discard(invoice.id)).status).toBe(404);
    expect((await admin.discard(photo.id)).status).toBe(404);
    expect(filesOnDisk(server)).toHaveLength(2);
    expect((await admin.discard(invoice.id)).status).toBe(204);
    expect(filesOnDisk(server)).toHaveLength(1);
  });
});
