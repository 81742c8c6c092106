import { describe, expect, it } from 'vitest';
import { agentCommand, visitorCommand } from '../../testing/harness.ts';
import { agentClient, newClientId, serverPerTest, shopperClient, uploaded } from './test-clients.ts';
import { pdf, png } from './test-files.ts';

const scope = serverPerTest();

describe('the visitor panel’s files', () => {
  it('lists the files sent in the visitor’s chats, by either side, newest first; never an upload not sent, nor another visitor’s', async () => {
    const shopper = await shopperClient(scope.server, scope.sockets);
    const other = await shopperClient(scope.server, scope.sockets);
    const admin = await agentClient(scope.server, scope.sockets, 'admin@shop.example');
    const photo = await uploaded(await shopper.upload(png(), 'parcel.png'));
    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: newClientId(), body: 'mireu', attachments: [photo.id] });
    if (!sent.ok) throw new Error(sent.error.message);
    const invoice = await uploaded(await admin.upload(pdf(), 'factura.pdf'));
    const reply = await agentCommand(admin.socket, 'message:send', {
      conversationId: sent.data.conversation.id,
      clientId: newClientId(),
      body: '',
      attachments: [invoice.id],
    });
    expect(reply.ok).toBe(true);
    await uploaded(await shopper.upload(pdf(), 'not-sent.pdf'));
    const elsewhere = await uploaded(await other.upload(png(), 'other.png'));
    await visitorCommand(other.socket, 'message:send', { clientId: newClientId(), body: '', attachments: [elsewhere.id] });

    const site = scope.server.app.services.sites.byKey(scope.server.siteKey)!;
    const profile = await scope.server.app.services.activity.profile(shopper.visitorId, site.id);
    expect(profile.ok && profile.data.files).toEqual([invoice, photo]);
  });
});
