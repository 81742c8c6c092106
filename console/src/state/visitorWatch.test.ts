import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../api/fakeConnection.ts';
import { flushPromises as flush } from './testServer.ts';
import { liveVisitor } from './visitorFixtures.ts';
import { VisitorWatch } from './visitorWatch.ts';

function watching(listed = [liveVisitor({ id: 'vis_a' })]) {
  const connection = new FakeConnection();
  let answer = listed;
  connection
    .handle('visitors:watch', () => ({ ok: true, data: { visitors: answer } }))
    .handle('visitors:unwatch', () => ({ ok: true, data: null }));
  connection.setStatus('connected');
  const watch = new VisitorWatch(connection);
  watch.start();
  const ids = () => Object.keys(watch.store.get().visitors).sort();
  return { connection, watch, ids, answerWith: (next: typeof listed) => (answer = next) };
}

describe('VisitorWatch', () => {
  it('watches on start, applies changes, and unwatches on stop', async () => {
    const { connection, watch, ids } = watching();
    await flush();
    expect(watch.store.get().phase).toBe('ready');
    expect(ids()).toEqual(['vis_a']);

    connection.emitFact('visitors:changed', { updated: [liveVisitor({ id: 'vis_b' })], left: ['vis_a'] });
    expect(ids()).toEqual(['vis_b']);

    watch.stop();
    expect(connection.sentOf('visitors:unwatch')).toEqual([{}]);
    connection.emitFact('visitors:changed', { updated: [liveVisitor({ id: 'vis_c' })], left: [] });
    expect(ids()).toEqual(['vis_b']);
  });

  it('watches again after a reconnect and replaces the list with the answer', async () => {
    const { connection, ids, answerWith } = watching();
    await flush();
    connection.setStatus('disconnected');
    answerWith([liveVisitor({ id: 'vis_x' }), liveVisitor({ id: 'vis_y' })]);
    connection.setStatus('connected');
    await flush();
    expect(connection.sentOf('visitors:watch')).toEqual([{}, {}]);
    expect(ids()).toEqual(['vis_x', 'vis_y']);
  });
});
