import { beforeEach, describe, expect, it } from 'vitest';
import type { AttachmentInfo, AttachmentLink, CannedReply } from '@mostrador/shared';
import { addAgent, agentCommand, login, visitorCommand, sqlOn } from '../../testing/harness.ts';
import { agentClient, filesOnDisk, newClientId, serverPerTest, shopperClient, thumbnailsDone, uploaded } from './test-clients.ts';
import { pdf, png } from './test-files.ts';
import { UNSENT_UPLOAD_MS } from './unsent-uploads.ts';

const scope = serverPerTest();
const PASSWORD = 'correct horse battery';
const server = () => scope.server;

beforeEach(async () => {
  await addAgent(scope.server, { email: 'plain@shop.example', name: 'Plain', role: 'agent' });
});

/** An agent's canned replies calls, with their session and the console's origin. */
async function session(email: string) {
  const files = await agentClient(server(), scope.sockets, email);
  const cookie = await login(server().url, email, PASSWORD);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server().url}${path}`, {
      method,
      headers: { cookie, origin: server().url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>) };
  };
  const replies = async () => ((await call('GET', '/api/canned-replies?all=1')).json as { replies: CannedReply[] }).replies;
  return { ...files, call, replies };
}

const reply = (pictureId?: string) => ({
  shortcut: 'logo',
  title: 'Our logo',
  scope: 'shared',
  bodies: { ca: 'Aquí el tens', es: '', en: '' },
  ...(pictureId ? { pictureId } : {}),
});

async function created(admin: Awaited<ReturnType<typeof session>>, pictureId?: string): Promise<CannedReply> {
  const res = await admin.call('POST', '/api/canned-replies', reply(pictureId));
  expect(res.status).toBe(201);
  return (res.json as { reply: CannedReply }).reply;
}

async function bytesOf(client: { link: (id: string) => Promise<Response> }, id: string): Promise<Buffer> {
  const link = (await (await client.link(id)).json()) as AttachmentLink;
  return Buffer.from(await (await fetch(`${server().url}${link.url}`)).arrayBuffer());
}

/** A conversation the shopper opened, for agents to send messages in. */
async function conversation(): Promise<string> {
  return (await chat()).conversationId;
}

async function chat() {
  const shopper = await shopperClient(server(), scope.sockets);
  await visitorCommand(shopper.socket, 'message:send', { clientId: newClientId(), body: 'Hola' });
  const siteId = server().app.services.sites.byKey(server().siteKey)!.id;
  return {
    siteId,
    visitorId: shopper.visitorId,
    conversationId: (await server().app.services.conversations.openForVisitor(siteId, shopper.visitorId))!.id,
  };
}

describe('a canned reply’s picture', () => {
  it('is the admin’s own unsent image, kept with the reply: no message claims it, nobody discards it, the sweep leaves it', async () => {
    const admin = await session('admin@shop.example');
    const plain = await session('plain@shop.example');
    const logo = await uploaded(await admin.upload(png(), 'logo.png'));
    const made = await created(admin, logo.id);
    expect(made.picture).toEqual(logo);
    expect((await plain.call('GET', '/api/canned-replies')).json).toMatchObject({ replies: [{ id: made.id, picture: logo }] });

    const conversationId = await conversation();
    const sent = await agentCommand(admin.socket, 'message:send', {
      conversationId,
      clientId: newClientId(),
      body: 'x',
      attachments: [logo.id],
    });
    expect(sent.ok || sent.error.code).toBe('not_found');
    expect((await admin.discard(logo.id)).status).toBe(404);
    await thumbnailsDone(server());
    expect(await server().app.services.unsentUploads.runOnce(Date.now() + 2 * UNSENT_UPLOAD_MS)).toBe(0);
    expect(filesOnDisk(server())).toHaveLength(2);
    // Retention takes old uploads never sent; a reply's picture is none of those.
    const siteId = server().app.services.sites.byKey(server().siteKey)!.id;
    await sqlOn(server().app.engine).run('UPDATE attachments SET created_at = ?', Date.now() - 40 * 24 * 60 * 60 * 1000);
    await server().app.services.sites.update(siteId, { conversationRetentionDays: 30 });
    await server().app.services.retention.runOnce();
    expect(filesOnDisk(server())).toHaveLength(2);
    // Any agent of the shop may see it (the admin page's thumbnail), not only its uploader.
    expect(await bytesOf(plain, logo.id)).toEqual(await bytesOf(admin, logo.id));
    expect((await admin.replies())[0]!.picture).toEqual(logo);
  });

  it('refuses a colleague’s or another shop’s upload, a sent one and a file that is not an image, leaving the reply as it was', async () => {
    const admin = await session('admin@shop.example');
    const plain = await session('plain@shop.example');
    const logo = await uploaded(await admin.upload(png(), 'logo.png'));
    const made = await created(admin, logo.id);

    const colleagues = await uploaded(await plain.upload(png(), 'theirs.png'));
    const other = await server().app.services.sites.create({ name: 'Other', allowedOrigins: ['https://other.example'] });
    await server().app.services.agents.create({ siteId: other.id, email: 'b@other.example', name: 'B', role: 'admin', password: PASSWORD });
    const foreign = await uploaded(await (await session('b@other.example')).upload(png(), 'foreign.png'));
    const invoice = await uploaded(await admin.upload(pdf(), 'invoice.pdf'));
    const conversationId = await conversation();
    const sentOne = await uploaded(await admin.upload(png(), 'sent.png'));
    await agentCommand(admin.socket, 'message:send', { conversationId, clientId: newClientId(), body: 'x', attachments: [sentOne.id] });

    for (const [pictureId, status] of [
      [colleagues.id, 404],
      [foreign.id, 404],
      [sentOne.id, 404],
      [invoice.id, 415],
    ] as const) {
      expect((await admin.call('PATCH', `/api/canned-replies/${made.id}`, { pictureId, title: 'Changed' })).status).toBe(status);
      expect((await admin.call('POST', '/api/canned-replies', { ...reply(pictureId), shortcut: 'other' })).status).toBe(status);
    }
    expect(await admin.replies()).toEqual([made]);
    // The refused uploads are still their uploaders' to send or take back.
    expect((await plain.discard(colleagues.id)).status).toBe(204);
    expect((await admin.discard(invoice.id)).status).toBe(204);
  });

  it('is copied for each insertion: a new upload with the same bytes, each sent in its own message', async () => {
    const admin = await session('admin@shop.example');
    const plain = await session('plain@shop.example');
    const logo = await uploaded(await admin.upload(png(), 'logo.png'));
    const made = await created(admin, logo.id);
    const copy = async () => {
      const res = await admin.call('POST', `/api/canned-replies/${made.id}/picture-copy`);
      expect(res.status).toBe(200);
      return (res.json as { attachment: AttachmentInfo }).attachment;
    };
    const [first, second] = [await copy(), await copy()];
    expect(new Set([logo.id, first.id, second.id]).size).toBe(3);
    expect(first).toEqual({ ...logo, id: first.id });
    expect(await bytesOf(admin, first.id)).toEqual(await bytesOf(admin, logo.id));

    const { siteId, visitorId, conversationId } = await chat();
    const send = (id: string) =>
      agentCommand(admin.socket, 'message:send', { conversationId, clientId: newClientId(), body: '', attachments: [id] });
    expect((await send(first.id)).ok).toBe(true);
    expect((await send(second.id)).ok).toBe(true);
    const again = await send(first.id);
    expect(again.ok || again.error.code).toBe('conflict');
    // Erasing the shopper takes the copies sent to them, never the reply's picture.
    const erased = await server().app.services.privacy.erase(siteId, 'agt_x', { kind: 'visitor', id: visitorId });
    expect(erased.ok && erased.data.erased['attachments']).toBe(2);
    expect((await admin.link(first.id)).status).toBe(404);
    expect(await bytesOf(admin, logo.id)).toEqual(png());
    expect((await admin.replies())[0]!.picture).toEqual(logo);

    // Another agent's copy is theirs, not the admin's; a colleague's personal reply or a reply without a picture is not found.
    const personal = await plain.call('POST', '/api/canned-replies', { ...reply(), scope: 'personal', shortcut: 'mine' });
    const personalId = (personal.json as { reply: CannedReply }).reply.id;
    expect((await admin.call('POST', `/api/canned-replies/${personalId}/picture-copy`)).status).toBe(404);
    expect((await plain.call('POST', `/api/canned-replies/${personalId}/picture-copy`)).status).toBe(404);
    expect((await plain.call('POST', `/api/canned-replies/${made.id}/picture-copy`)).status).toBe(200);
    // The site's rules of today apply to each copy: a shop that no longer takes pictures gets none.
    await server().app.services.sites.update(siteId, { attachmentTypes: ['pdf'] });
    expect((await plain.call('POST', `/api/canned-replies/${made.id}/picture-copy`)).status).toBe(415);
  });

  it('goes, row and bytes, when it is replaced or removed, or when its reply is deleted', async () => {
    const admin = await session('admin@shop.example');
    const logo = await uploaded(await admin.upload(png(), 'logo.png'));
    const made = await created(admin, logo.id);
    const replacement = await uploaded(await admin.upload(png(), 'new.png'));
    const patch = (pictureId: string | null) => admin.call('PATCH', `/api/canned-replies/${made.id}`, { pictureId });

    expect(((await patch(replacement.id)).json as { reply: CannedReply }).reply.picture).toEqual(replacement);
    await thumbnailsDone(server());
    // The old bytes go just after the answer, once the row is gone.
    await expect.poll(() => filesOnDisk(server()).length).toBe(2);
    expect((await admin.link(logo.id)).status).toBe(404);
    // Saving the reply with the picture it has changes nothing.
    expect((await patch(replacement.id)).status).toBe(200);
    expect(filesOnDisk(server())).toHaveLength(2);

    expect(((await patch(null)).json as { reply: CannedReply }).reply.picture).toBeUndefined();
    await expect.poll(() => filesOnDisk(server()).length).toBe(0);

    const last = await uploaded(await admin.upload(png(), 'last.png'));
    await patch(last.id);
    await thumbnailsDone(server());
    expect(filesOnDisk(server())).toHaveLength(2);
    expect((await admin.call('DELETE', `/api/canned-replies/${made.id}`)).status).toBe(204);
    await expect.poll(() => filesOnDisk(server()).length).toBe(0);
    expect((await admin.link(last.id)).status).toBe(404);
  });
});
