import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { type LocalRedis, startRedisSentinel } from '../helpers/local-redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

/** A gateway that finds its Redis through a Sentinel (`REDIS_URL=redis-sentinel://…/<master>`), started here on spare ports. */
const prefix = `pitboss-test-sentinel-${randomBytes(4).toString('hex')}:`;
let sentinel: LocalRedis;
let gateway: TestApp;

beforeAll(async () => {
  sentinel = await startRedisSentinel();
  gateway = await startTestApp({ prefix, env: { REDIS_URL: sentinel.url } });
}, 60_000);
afterAll(async () => {
  await stopTestApps(prefix, gateway);
  await sentinel?.stop();
});

describe('Redis through Sentinel', () => {
  it('answers, hands off and lets an agent take over, with the master found through the Sentinel', async () => {
    const { token } = await createSession(gateway.url);
    const answered = await postMessage(gateway.url, token, { text: 'How long do withdrawals take?' });
    expect(answered.body.replies[0]!.citations?.[0]?.id).toMatch(/withdraw/);
    const { body } = await postMessage(gateway.url, token, { text: 'I want to talk to a human agent' });
    const ticketId = body.replies[0]!.handoff!.ticketId!;
    await addAgent(gateway, 'sam@demo.example', 'Sam');
    const agent = await loginAgent(gateway, 'sam@demo.example');
    expect((await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`)).status).toBe(200);
    await expect.poll(async () => (await history(gateway.url, token)).some((message) => message.handoff?.status === 'assigned')).toBe(true);
  });
});
