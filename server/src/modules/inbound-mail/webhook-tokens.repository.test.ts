import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/engines.ts';
import { webhookTokensRepository } from './inbound-mail.module.ts';

const MINUTE = 60_000;
const T0 = 1_800_000_000_000;

// Tokens belong to no site (Mailgun signs them for the whole server): there is no other site's id to answer like a missing one.
describeOnEngines('the webhook tokens repository', (engine) => {
  it('knows a token once it is recorded, and no other', async () => {
    const tokens = webhookTokensRepository(engine());
    expect(await tokens.seen('token-a')).toBe(false);
    await tokens.record('token-a', T0, T0 - 20 * MINUTE);
    expect(await tokens.seen('token-a')).toBe(true);
    expect(await tokens.seen('token-b')).toBe(false);
    expect(await tokens.seen('TOKEN-A')).toBe(false);
  });

  it('takes the same token twice without complaint: two answers to one retry race never fail the second', async () => {
    const tokens = webhookTokensRepository(engine());
    await tokens.record('token-a', T0, T0 - 20 * MINUTE);
    await expect(tokens.record('token-a', T0 + MINUTE, T0 - 19 * MINUTE)).resolves.toBeUndefined();
    expect(await tokens.seen('token-a')).toBe(true);
  });

  it('forgets the tokens older than asked while it records one, and keeps the rest', async () => {
    const tokens = webhookTokensRepository(engine());
    await tokens.record('old', T0, T0 - 20 * MINUTE);
    await tokens.record('edge', T0 + 10 * MINUTE, T0 - 10 * MINUTE);
    await tokens.record('recent', T0 + 15 * MINUTE, T0 - 5 * MINUTE);
    // Forget before T0 + 10 min: "old" goes, "edge" (seen exactly then) stays.
    await tokens.record('new', T0 + 30 * MINUTE, T0 + 10 * MINUTE);
    expect(await tokens.seen('old')).toBe(false);
    expect(await tokens.seen('edge')).toBe(true);
    expect(await tokens.seen('recent')).toBe(true);
    expect(await tokens.seen('new')).toBe(true);
  });
});
