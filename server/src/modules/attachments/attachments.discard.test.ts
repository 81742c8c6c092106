import { beforeEach, describe, expect, it } from 'vitest';
import { addAgent, visitorCommand } from '../../testing/harness.ts';
import { agentClient, filesOnDisk, newClientId, serverPerTest, shopperClient, thumbnailsDone, uploaded } from './test-clients.ts';
import { pdf, png } from './test-files.ts';

const scope = serverPerTest();

beforeEach(async () => {
  await addAgent(scope.server, { email: 'other@shop.example', name: 'Other', role: 'admin' });
});

describe('taking back a file not sent yet', () => {
  it('removes a shopper’s own unsent upload at once, row and bytes; another shopper, or a second try, gets not found', async () => {
    const shopper = await shopperClient(scope.server, scope.sockets);
    const stranger = await shopperClient(scope.server, scope.sockets);
    const [wrong, kept] = [await uploaded(await shopper.upload(png(), 'wrong.png')), await uploaded(await shopper.upload(pdf(), 'ok.pdf'))];
    // The picture, its thumbnail and the PDF.
    await thumbnailsDone(scope.server);
    expect(filesOnDisk(scope.server)).toHaveLength(3);

    const foreign = await stranger.discard(wrong.id);
    expect(foreign.status).toBe(404);
    expect(filesOnDisk(scope.server)).toHaveLength(3);

    // The picture goes with its thumbnail.
    expect((await shopper.discard(wrong.id)).status).toBe(204);
    expect(filesOnDisk(scope.server)).toHaveLength(1);
    expect((await shopper.link(wrong.id)).status).toBe(404);
    const again = await shopper.discard(wrong.id);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual(await foreign.json());
    // The other file is untouched and can still be sent.
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: newClientId(), body: '', attachments: [kept.id] });
    expect(sent.ok).toBe(true);
  });

  it('keeps a file once it is sent: it belongs to the conversation now', async () => {
    const shopper = await shopperClient(scope.server, scope.sockets);
    const photo = await uploaded(await shopper.upload(png(), 'sent.png'));
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: newClientId(), body: 'mireu', attachments: [photo.id] });
    expect(sent.ok).toBe(true);
    expect((await shopper.discard(photo.id)).status).toBe(404);
    await thumbnailsDone(scope.server);
    expect(filesOnDisk(scope.server)).toHaveLength(2);
    expect((await shopper.link(photo.id)).status).toBe(200);
  });

  it('lets an agent take back only their own unsent upload, not a colleague’s nor a shopper’s', async () => {
    const admin = await agentClient(scope.server, scope.sockets, 'admin@shop.example');
    const other = await agentClient(scope.server, scope.sockets, 'other@shop.example');
    const shopper = await shopperClient(scope.server, scope.sockets);
    const invoice = await uploaded(await admin.upload(pdf(), 'invoice.pdf'));
    const photo = await uploaded(await shopper.upload(png(), 'photo.png'));

    expect((await other.discard(invoice.id)).status).toBe(404);
    expect((await admin.discard(photo.id)).status).toBe(404);
    await thumbnailsDone(scope.server);
    expect(filesOnDisk(scope.server)).toHaveLength(3);
    expect((await admin.discard(invoice.id)).status).toBe(204);
    expect(filesOnDisk(scope.server)).toHaveLength(2);
  });
});
