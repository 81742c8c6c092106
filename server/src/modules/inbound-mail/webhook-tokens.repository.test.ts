import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/engines.ts';
import { webhookTokensRepository } from './inbound-mail.module.ts';

const MINUTE = 60_000;
const T0 = 1_800_000_000_000;

// Tokens belong to no site (Mailgun signs them for the whole server): there is no other site's id to answer like a missing one.
describeOnEngines('the webhook tokens repository', (engine) => {
  it('lets a token be claimed once, by exactly one of two claims at once, and again once released', async () => {
    const tokens = webhookTokensRepository(engine());
    expect(await tokens.claim('token-a', T0, T0 - 20 * MINUTE)).toBe(true);
    expect(await tokens.claim('token-a', T0 + MINUTE, T0 - 19 * MINUTE)).toBe(false);
    // Tokens are compared as written.
    expect(await tokens.claim('TOKEN-A', T0 + MINUTE, T0 - 19 * MINUTE)).toBe(true);
    const both = await Promise.all([tokens.claim('token-b', T0, T0 - 20 * MINUTE), tokens.claim('token-b', T0, T0 - 20 * MINUTE)]);
    expect(both.sort()).toEqual([false, true]);
    // A request that failed gives its token back: Mailgun's retry of it is taken.
    await tokens.release('token-b');
    expect(await tokens.claim('token-b', T0 + MINUTE, T0 - 19 * MINUTE)).toBe(true);
  });

  it('forgets the tokens older than asked while it claims one, and keeps the rest', async () => {
    const tokens = webhookTokensRepository(engine());
    await tokens.claim('old', T0, T0 - 20 * MINUTE);
    await tokens.claim('edge', T0 + 10 * MINUTE, T0 - 10 * MINUTE);
    await tokens.claim('recent', T0 + 15 * MINUTE, T0 - 5 * MINUTE);
    // Forget before T0 + 10 min: "old" goes (it may be claimed again), "edge" (seen exactly then) stays.
    await tokens.claim('new', T0 + 30 * MINUTE, T0 + 10 * MINUTE);
    expect(await tokens.claim('old', T0 + 30 * MINUTE, T0 + 10 * MINUTE)).toBe(true);
    expect(await tokens.claim('edge', T0 + 30 * MINUTE, T0 + 10 * MINUTE)).toBe(false);
    expect(await tokens.claim('recent', T0 + 30 * MINUTE, T0 + 10 * MINUTE)).toBe(false);
    expect(await tokens.claim('new', T0 + 30 * MINUTE, T0 + 10 * MINUTE)).toBe(false);
  });
});
