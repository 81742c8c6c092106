import { describe, expect, it, vi } from 'vitest';
import type { AgentConversationChanged, AttachmentInfo, AttachmentLink } from '@mostrador/shared';
import {
  agentCommand,
  connectVisitorSession,
  nextFact,
  SHOP_ORIGIN,
  visitorCommand,
  sqlOn,
  type AgentSocket,
  type VisitorSocket,
} from '../../testing/harness.ts';
import { exifOrientation } from './metadata.ts';
import { jpegWithGps, pdf, png, svg } from './test-files.ts';
import { agentClient, filesOnDisk as filesOnDiskOf, newClientId, serverPerTest, shopperClient, uploaded } from './test-clients.ts';
import { UNSENT_UPLOAD_MS } from './unsent-uploads.ts';

const scope = serverPerTest();
const shopper = () => shopperClient(scope.server, scope.sockets);
const admin = () => agentClient(scope.server, scope.sockets, 'admin@shop.example');
const filesOnDisk = () => filesOnDiskOf(scope.server);

describe('attachments', () => {
  it('a shopper’s photo reaches the agent without its GPS position, through a short-lived link with safe headers', async () => {
    const visitor = await shopper();
    const agent = await admin();
    const res = await visitor.upload(jpegWithGps(6), '../../IMG_0042.jpg');
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    const photo = await uploaded(res);
    expect(photo).toMatchObject({ name: 'IMG_0042.jpg', mime: 'image/jpeg', type: 'image' });

    const seen = nextFact<AgentSocket, AgentConversationChanged>(agent.socket, 'message:created');
    const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: newClientId(), body: '', attachments: [photo.id] });
    expect(sent.ok && sent.data.event.attachments).toEqual([photo]);
    const told = await seen;
    expect(told.event.type === 'message' && told.event.attachments).toEqual([photo]);

    const link = (await (await agent.link(photo.id)).json()) as AttachmentLink;
    expect(link.expiresAt).toBeGreaterThan(Date.now());
    const file = await fetch(`${scope.server.url}${link.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="IMG_0042.jpg"/);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.includes('GPS-41.3851N')).toBe(false);
    expect(bytes.includes('taken at home')).toBe(false);
    expect(exifOrientation(bytes.subarray(bytes.indexOf('Exif\0\0')))).toBe(6);
    // What is on disk is the clean copy: nobody, not even the server's own operators, holds the position.
    expect(filesOnDisk()).toHaveLength(1);
  });

  it('an agent’s PDF downloads, never shows inline, and the shopper reaches it through its own link', async () => {
    const visitor = await shopper();
    const agent = await admin();
    await visitorCommand(visitor.socket, 'message:send', { clientId: newClientId(), body: 'Hola, i la factura?' });
    const conversationId = (await scope.server.app.services.conversations.openForVisitor(
      scope.server.app.services.sites.byKey(scope.server.siteKey)!.id,
      visitor.visitorId,
    ))!.id;
    const invoice = await uploaded(await agent.upload(pdf(), 'Factura 1042.pdf'));
    const told = nextFact<VisitorSocket, { event: { attachments?: AttachmentInfo[] } }>(visitor.socket, 'message:created');
    const sent = await agentCommand(agent.socket, 'message:send', {
      conversationId,
      clientId: newClientId(),
      body: 'Aquí la tens',
      attachments: [invoice.id],
    });
    expect(sent.ok).toBe(true);
    expect((await told).event.attachments).toEqual([invoice]);
    const link = (await (await visitor.link(invoice.id)).json()) as AttachmentLink;
    const file = await fetch(`${scope.server.url}${link.url}`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="Factura 1042.pdf"; filename*=UTF-8''Factura%201042.pdf`);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(pdf());
  });

  it('a retried upload and a resent message store the file and the message once', async () => {
    const visitor = await shopper();
    const clientId = newClientId();
    const first = await uploaded(await visitor.upload(pdf(), 'a.pdf', clientId));
    const again = await uploaded(await visitor.upload(pdf(), 'a.pdf', clientId));
    expect(again).toEqual(first);
    expect(filesOnDisk()).toHaveLength(1);
    const message = { clientId: newClientId(), body: 'the invoice', attachments: [first.id] };
    const sent = await visitorCommand(visitor.socket, 'message:send', message);
    const resent = await visitorCommand(visitor.socket, 'message:send', message);
    expect(resent).toEqual(sent);
    expect(await sqlOn(scope.server.app.engine).value("SELECT count(*) FROM conversation_events WHERE type = 'message'")).toBe(1);
    // The same file in a second, different message is refused: it already belongs to one.
    const other = await visitorCommand(visitor.socket, 'message:send', { clientId: newClientId(), body: 'again', attachments: [first.id] });
    expect(other).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('another shopper’s file is answered exactly like a missing one, for its link and for sending it', async () => {
    const owner = await shopper();
    const stranger = await shopper();
    const file = await uploaded(await owner.upload(pdf(), 'a.pdf'));
    const foreign = await stranger.link(file.id);
    const missing = await stranger.link('att_doesnotexist000');
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());
    const sent = await visitorCommand(stranger.socket, 'message:send', { clientId: newClientId(), body: 'mine', attachments: [file.id] });
    expect(sent).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(
      await scope.server.app.services.conversations.openForVisitor(
        scope.server.app.services.sites.byKey(scope.server.siteKey)!.id,
        stranger.visitorId,
      ),
    ).toBeUndefined();
  });

  it('an agent cannot send a shopper’s file not sent yet: answered like a missing one, nothing stored, the file still theirs', async () => {
    const agent = await admin();
    const owner = await shopper();
    const opened = await visitorCommand(owner.socket, 'message:send', { clientId: newClientId(), body: 'Hola' });
    if (!opened.ok) throw new Error(opened.error.message);
    const conversationId = opened.data.conversation.id;
    await agentCommand(agent.socket, 'conversation:take', { conversationId });
    const file = await uploaded(await owner.upload(pdf(), 'factura.pdf'));
    const before = await agentCommand(agent.socket, 'conversation:sync', { conversationId, afterSeq: 0 });

    const sent = await agentCommand(agent.socket, 'message:send', {
      conversationId,
      clientId: newClientId(),
      body: 'mine',
      attachments: [file.id],
    });
    expect(sent).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const after = await agentCommand(agent.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(after.ok && after.data.events).toEqual(before.ok && before.data.events);
    const own = await visitorCommand(owner.socket, 'message:send', { clientId: newClientId(), body: '', attachments: [file.id] });
    expect(own.ok && own.data.event.attachments?.map((a) => a.id)).toEqual([file.id]);
  });

  it('a link stops working when it expires, and cannot be forged or moved to another file', async () => {
    const visitor = await shopper();
    const file = await uploaded(await visitor.upload(pdf(), 'a.pdf'));
    const other = await uploaded(await visitor.upload(jpegWithGps(), 'b.jpg'));
    const { attachments } = scope.server.app.services;
    expect((await fetch(`${scope.server.url}${attachments.signedPath(file.id, Date.now() + 60_000)}`)).status).toBe(200);
    expect((await fetch(`${scope.server.url}${attachments.signedPath(file.id, Date.now() - 1)}`)).status).toBe(404);
    const live = attachments.signedPath(file.id, Date.now() + 60_000);
    expect((await fetch(`${scope.server.url}${live.replace(/exp=\d+/, `exp=${Date.now() + 3_600_000}`)}`)).status).toBe(404);
    expect((await fetch(`${scope.server.url}${live.replace(file.id, other.id)}`)).status).toBe(404);
  });

  it('refuses a file over the site’s limit, an SVG called .png, and shoppers’ files where the shop turned them off', async () => {
    const site = scope.server.app.services.sites.byKey(scope.server.siteKey)!;
    await scope.server.app.services.sites.update(site.id, { attachmentMaxMb: 1 });
    const visitor = await shopper();
    const big = Buffer.concat([pdf(), Buffer.alloc(1024 * 1024)]);
    const tooBig = await visitor.upload(big, 'big.pdf');
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: { code: 'too_large' } });
    const disguised = await visitor.upload(svg(), 'cat.png');
    expect(disguised.status).toBe(415);
    expect(await disguised.json()).toMatchObject({ error: { code: 'unsupported_type' } });
    await scope.server.app.services.sites.update(site.id, { attachmentTypes: ['image'] });
    expect((await visitor.upload(pdf(), 'a.pdf')).status).toBe(415);
    await scope.server.app.services.sites.update(site.id, { visitorUploads: false });
    expect((await visitor.upload(jpegWithGps(), 'a.jpg')).status).toBe(403);
    expect(filesOnDisk()).toHaveLength(0);
  });

  it('tells the widget its own site’s upload limits in the session, and nothing once the shop turns shoppers’ files off', async () => {
    const site = scope.server.app.services.sites.byKey(scope.server.siteKey)!;
    await scope.server.app.services.sites.update(site.id, { attachmentMaxMb: 2, attachmentTypes: ['image', 'pdf'] });
    // Another shop on the same server, with other rules: never this site's.
    const other = await scope.server.app.services.sites.create({ name: 'Other shop', allowedOrigins: [SHOP_ORIGIN] });
    await scope.server.app.services.sites.update(other.id, { attachmentMaxMb: 50, visitorUploads: false });
    type Site = { site: { attachments?: unknown } };
    const first = (await connectVisitorSession(scope.server)) as unknown as Site & { socket: VisitorSocket };
    scope.sockets.push(first.socket);
    expect(first.site.attachments).toEqual({ maxBytes: 2 * 1024 * 1024, types: ['image', 'pdf'] });
    await scope.server.app.services.sites.update(site.id, { visitorUploads: false });
    const second = (await connectVisitorSession(scope.server)) as unknown as Site & { socket: VisitorSocket };
    scope.sockets.push(second.socket);
    expect(second.site.attachments).toBeNull();
  });

  it('answers a page on an origin the shop does not allow as if the visitor did not exist', async () => {
    const visitor = await shopper();
    const res = await fetch(`${scope.server.url}/api/visitor/attachments?clientId=${newClientId()}&name=a.pdf`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${visitor.token}`,
        'x-mostrador-site': scope.server.siteKey,
        origin: 'https://evil.example',
        'content-type': 'application/octet-stream',
      },
      body: pdf(),
    });
    expect(res.status).toBe(404);
    expect(filesOnDisk()).toHaveLength(0);
  });

  it('erasing a shopper removes their files, and the agents’ files in their conversations, from disk', async () => {
    const visitor = await shopper();
    const agent = await admin();
    const photo = await uploaded(await visitor.upload(png(), 'a.png'));
    await visitorCommand(visitor.socket, 'message:send', { clientId: newClientId(), body: 'look', attachments: [photo.id] });
    // The picture and its thumbnail; both go.
    await scope.server.app.services.thumbnails.runOnce();
    expect(filesOnDisk()).toHaveLength(2);
    const siteId = scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;
    const conversationId = (await scope.server.app.services.conversations.openForVisitor(siteId, visitor.visitorId))!.id;
    const invoice = await uploaded(await agent.upload(pdf(), 'f.pdf'));
    await agentCommand(agent.socket, 'message:send', { conversationId, clientId: newClientId(), body: 'here', attachments: [invoice.id] });
    const kept = await uploaded(await agent.upload(pdf(), 'unsent.pdf'));
    expect(filesOnDisk()).toHaveLength(4);

    const exported = await scope.server.app.services.privacy.exportSubject(siteId, 'agt_x', { kind: 'visitor', id: visitor.visitorId });
    expect(exported.ok && exported.data.data['attachments']?.map((r) => r['id'])).toEqual([photo.id, invoice.id]);

    const erased = await scope.server.app.services.privacy.erase(siteId, 'agt_x', { kind: 'visitor', id: visitor.visitorId });
    expect(erased.ok && erased.data.erased['attachments']).toBe(2);
    await vi.waitFor(() => expect(filesOnDisk()).toHaveLength(1));
    expect((await agent.link(kept.id)).status).toBe(200);
    expect((await agent.link(photo.id)).status).toBe(404);
  });

  it('retention deletes the files of old closed conversations with them', async () => {
    const visitor = await shopper();
    const photo = await uploaded(await visitor.upload(png(), 'a.png'));
    await visitorCommand(visitor.socket, 'message:send', { clientId: newClientId(), body: 'look', attachments: [photo.id] });
    // The picture and its thumbnail; both go.
    await scope.server.app.services.thumbnails.runOnce();
    expect(filesOnDisk()).toHaveLength(2);
    const siteId = scope.server.app.services.sites.byKey(scope.server.siteKey)!.id;
    const conversationId = (await scope.server.app.services.conversations.openForVisitor(siteId, visitor.visitorId))!.id;
    await visitorCommand(visitor.socket, 'conversation:close', { conversationId });
    const longAgo = Date.now() - 40 * 24 * 60 * 60 * 1000;
    await sqlOn(scope.server.app.engine).run('UPDATE conversations SET updated_at = ? WHERE id = ?', longAgo, conversationId);
    await scope.server.app.services.sites.update(siteId, { conversationRetentionDays: 30 });
    await scope.server.app.services.retention.runOnce();
    expect(await sqlOn(scope.server.app.engine).value('SELECT count(*) FROM attachments')).toBe(0);
    await vi.waitFor(() => expect(filesOnDisk()).toHaveLength(0));
  });

  it('removes uploads never sent after a day, bytes and all, and keeps sent ones and recent ones', async () => {
    const visitor = await shopper();
    const [sentFile, forgotten] = [
      await uploaded(await visitor.upload(png(), 'a.png')),
      await uploaded(await visitor.upload(pdf(), 'b.pdf')),
    ];
    const sent = await visitorCommand(visitor.socket, 'message:send', { clientId: newClientId(), body: '', attachments: [sentFile.id] });
    expect(sent.ok).toBe(true);
    // The picture, its thumbnail and the PDF.
    await scope.server.app.services.thumbnails.runOnce();
    expect(filesOnDisk()).toHaveLength(3);

    const sweep = scope.server.app.services.unsentUploads;
    // Within the day, nothing goes.
    expect(await sweep.runOnce(Date.now() + UNSENT_UPLOAD_MS - 60_000)).toBe(0);
    expect((await visitor.link(forgotten.id)).status).toBe(200);

    expect(await sweep.runOnce(Date.now() + UNSENT_UPLOAD_MS + 60_000)).toBe(1);
    expect(filesOnDisk()).toHaveLength(2);
    expect((await visitor.link(forgotten.id)).status).toBe(404);
    expect((await visitor.link(sentFile.id)).status).toBe(200);
    // The forgotten file can no longer be sent: its id answers as a missing one.
    const late = await visitorCommand(visitor.socket, 'message:send', { clientId: newClientId(), body: '', attachments: [forgotten.id] });
    expect(late).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
