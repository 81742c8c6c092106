import { describe, expect, it } from 'vitest';
import { stored } from '../files/testUploads.ts';
import { flush } from '../transport/fakeTransport.ts';
import { conversation } from './testEvents.ts';
import { session, setup, visitorMessage } from './testSession.ts';

const photo = stored('att_photo', 'parcel.png');

describe('ChatSession with files', () => {
  it('queues a message of files only while offline, shows it with its files, and sends it with their ids when the connection returns', async () => {
    const { transport, chat, backend } = setup();
    expect(chat.send('  ', [photo])).toBe('queued');
    expect(chat.send('  ')).toBe('empty');
    expect(chat.view.get().pending).toMatchObject([{ clientId: 'client-id-1', body: '', attachments: [photo], status: 'sending' }]);
    expect(transport.pending('message:send')).toHaveLength(0);

    // A reload before the connection came back: the message and its files are still to send, with the same client id.
    chat.dispose();
    const reloaded = setup(backend);
    expect(reloaded.chat.view.get().pending).toMatchObject([{ clientId: 'client-id-1', attachments: [photo] }]);
    reloaded.transport.establish({ ...session(null), site: { ...session(null).site, attachments: { maxBytes: 1000, types: ['image'] } } });
    await flush();
    expect(reloaded.chat.view.get().attachments).toEqual({ maxBytes: 1000, types: ['image'] });
    const sent = reloaded.transport.take('message:send');
    expect(sent.payload).toMatchObject({ clientId: 'client-id-1', body: '', attachments: ['att_photo'] });
    sent.reply({
      ok: true,
      data: { event: { ...visitorMessage(1, 'client-id-1', ''), attachments: [photo] }, conversation: conversation({ lastSeq: 1 }) },
    });
    await flush();
    expect(reloaded.chat.view.get().pending).toEqual([]);
    expect(reloaded.chat.view.get().events).toMatchObject([{ attachments: [photo] }]);
  });

  it('resends a message with files that timed out with the same client id and the same files', async () => {
    const { transport, chat } = setup();
    transport.establish(session(null));
    await flush();
    chat.send('the box was open', [photo]);
    transport.take('message:send').timeOut();
    await flush();
    transport.drop();
    transport.establish(session(null));
    await flush();
    expect(transport.take('message:send').payload).toMatchObject({
      clientId: 'client-id-1',
      body: 'the box was open',
      attachments: ['att_photo'],
    });
  });

  it('drops stored outbox items whose files are not files (old or hand-edited storage)', () => {
    const { backend } = setup();
    backend.setItem(
      'mostrador:site_1',
      JSON.stringify({ outbox: [{ clientId: 'client-id-9', body: '', createdAt: 1, status: 'sending', attachments: [{ id: 1 }] }] }),
    );
    expect(setup(backend).chat.view.get().pending).toEqual([]);
  });
});
