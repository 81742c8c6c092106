import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_PASSWORD } from '../testing/harness.ts';
import { startAppCluster, type TestCluster, type TestNode } from '../testing/cluster-apps.ts';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

/** Codes as the agent's authenticator app would show them, `steps` periods from now. */
const codeFor = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: Date.now() + steps * 30_000 });

const post = (node: TestNode, url: string, payload: object, cookies: Record<string, string> = {}) =>
  node.app.inject({ method: 'POST', url, payload, cookies });

const sessionOf = (res: { cookies: Array<{ name: string; value: string }> }) => {
  const cookie = res.cookies.find((c) => c.name === 'mostrador_session');
  return cookie ? { mostrador_session: cookie.value } : null;
};

// A balancer without stickiness (or a node gone between two steps) sends a browser's next request to another node.
describe('two-factor login across the nodes of a cluster', () => {
  it('confirms an enrolment begun on another node, and takes the code on another node than the password', async () => {
    cluster = await startAppCluster(2);
    const [a, b] = cluster.nodes as [TestNode, TestNode];
    const credentials = { email: cluster.agentEmail, password: AGENT_PASSWORD };
    const cookies = sessionOf(await post(a, '/api/auth/login', credentials))!;

    const begun = await post(a, '/api/account/two-factor/enrolment', {}, cookies);
    const { secret } = begun.json() as { secret: string };
    const confirmed = await post(b, '/api/account/two-factor/confirm', { code: codeFor(secret) }, cookies);
    expect(confirmed.statusCode).toBe(200);

    const first = await post(b, '/api/auth/login', credentials);
    expect(sessionOf(first)).toBeNull();
    const { challenge } = first.json().secondStep as { challenge: string };
    // Wrong codes count on every node: five in all, spread over both, use the challenge up.
    for (const node of [a, b, a, b])
      expect((await post(node, '/api/auth/login/second-step', { challenge, code: '000000' })).statusCode).toBe(401);
    const right = await post(a, '/api/auth/login/second-step', { challenge, code: codeFor(secret, 1) });
    expect(right.statusCode).toBe(200);
    expect(sessionOf(right)).not.toBeNull();
    // Answered rightly, it is gone on every node.
    expect((await post(b, '/api/auth/login/second-step', { challenge, code: codeFor(secret, 2) })).statusCode).toBe(401);
  });
});
