import { describe, expect, it } from 'vitest';
import type { LiveVisitor, VisitorsChanged } from '@mostrador/shared';
import { agentCommand, connectAgentAs, connectVisitorSession, visitorCommand } from '../../testing/harness.ts';
import { serverPerTest } from '../../testing/server-per-test.ts';

/**
 * The live visitor list shows who is chatting: a shopper's row carries the
 * conversation it has open from the commit that opens it, and none from the
 * one that closes it. Nothing else refreshes that column, so a console that
 * is not told shows a closed chat open, or a chatting shopper idle.
 */
const scope = serverPerTest({ liveListFlushMs: 20 });
const { sockets } = scope;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the live visitor list', () => {
  it('shows the conversation a shopper opens, and drops it when the chat is closed', async () => {
    const marta = await connectAgentAs(scope.server, scope.server.agentEmail);
    sockets.push(marta);
    expect(await agentCommand(marta, 'visitors:watch', {})).toEqual({ ok: true, data: { visitors: [] } });
    const rows = new Map<string, LiveVisitor>();
    marta.on('visitors:changed', (changes: VisitorsChanged) => {
      for (const v of changes.updated) rows.set(v.id, v);
      for (const id of changes.left) rows.delete(id);
    });

    const shopper = await connectVisitorSession(scope.server);
    sockets.push(shopper.socket);
    await until(() => rows.has(shopper.visitorId), 'the arrival');
    expect(rows.get(shopper.visitorId)?.conversationId).toBeNull();

    const sent = await visitorCommand(shopper.socket, 'message:send', { clientId: 'live-msg-01', body: 'Hola' });
    if (!sent.ok) throw new Error(sent.error.message);
    const conversationId = sent.data.conversation.id;
    await until(() => rows.get(shopper.visitorId)?.conversationId === conversationId, 'the open conversation');

    expect((await agentCommand(marta, 'conversation:close', { conversationId })).ok).toBe(true);
    await until(() => rows.get(shopper.visitorId)?.conversationId === null, 'the closed conversation');
  });
});
