import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/schemas.js';
import { handoffKeys } from '../../src/handoff/keys.js';
import { createRedis } from '../../src/redis.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { type LocalRedis, startRedisCluster } from '../helpers/local-redis.js';
import { createSession, history, openEvents, postMessage } from '../helpers/webchat.js';

/**
 * Two gateway replicas on a Redis Cluster of three masters, started here on spare ports. Every key
 * carries the prefix's hash tag, so each transition script and BullMQ find their keys in one slot;
 * the test shows the whole path works there: answers, live streams across replicas, one ticket per
 * player under concurrent writes, the agent's claim, reply and resolve with the BullMQ job completed.
 */
const prefix = `{pitboss-test-cluster-${randomBytes(4).toString('hex')}}:`;
let cluster: LocalRedis;
let replicaA: TestApp;
let replicaB: TestApp;
let agent: string;

beforeAll(async () => {
  cluster = await startRedisCluster();
  const env = { REDIS_URL: cluster.url, HANDOFF_STALLED_CHECK_SECONDS: '1' };
  replicaA = await startTestApp({ prefix, env });
  replicaB = await startTestApp({ prefix, env });
  await addAgent(replicaB, 'carla@demo.example', 'Carla');
  agent = await loginAgent(replicaB, 'carla@demo.example');
}, 60_000);
afterAll(async () => {
  await stopTestApps(prefix, replicaA, replicaB);
  await cluster?.stop();
});

describe('two replicas on a three-master Redis Cluster', () => {
  it('answers with the source on one replica while the page listening on the other hears it live', async () => {
    const { token } = await createSession(replicaA.url);
    const page = await openEvents(replicaB.url, token);
    const { body } = await postMessage(replicaA.url, token, { text: 'How long do withdrawals take?' });
    expect(body.replies[0]!.citations?.[0]?.id).toMatch(/withdraw/);
    const heard = await page.next((message: Message) => message.id === body.replies[0]!.id);
    expect(heard.text).toBe(body.replies[0]!.text);
    page.close();
  });

  it('opens one ticket, not two, when both replicas receive the same player at once', async () => {
    type Queue = { tickets: Array<{ ticket: { id: string; conversationKey: string } }> };
    for (let trial = 0; trial < 10; trial++) {
      const { token, conversationId } = await createSession(replicaA.url);
      const sent = await Promise.all([
        postMessage(replicaA.url, token, { text: 'I want to talk to a human agent' }),
        postMessage(replicaB.url, token, { text: 'operator please, a real person' }),
      ]);
      expect(sent.map((response) => response.status)).toEqual([200, 200]);
      const queue = await agentCall<Queue>(replicaA, agent, 'GET', '/api/agent/queue');
      expect(queue.body.tickets.filter((entry) => entry.ticket.conversationKey === conversationId), `trial ${trial}`).toHaveLength(1);
    }
  });

  it("lets an agent on the other replica claim, talk and resolve, and completes the ticket's BullMQ job", async () => {
    const { token } = await createSession(replicaA.url);
    const { body } = await postMessage(replicaA.url, token, { text: 'I want to talk to a human agent' });
    const ticketId = body.replies[0]!.handoff!.ticketId!;
    const page = await openEvents(replicaA.url, token);
    expect((await agentCall(replicaB, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`)).status).toBe(200);
    await agentCall(replicaB, agent, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Carla here: how can I help?' });
    expect((await page.next((message) => message.from === 'agent')).text).toBe('Carla here: how can I help?');
    expect((await agentCall(replicaB, agent, 'POST', `/api/agent/tickets/${ticketId}/resolve`)).status).toBe(200);
    await page.next((message) => message.handoff?.status === 'resolved');
    expect((await history(replicaA.url, token)).filter((message) => message.from === 'system' && message.handoff).map((message) => message.handoff!.status)).toEqual([
      'queued',
      'assigned',
      'resolved',
    ]);
    page.close();

    const connection = createRedis(cluster.url, 'cluster-test-dashboard', { enableOfflineQueue: true, maxRetriesPerRequest: null });
    const queue = new Queue('handoff', { connection, prefix: handoffKeys(prefix).bullPrefix });
    await expect.poll(() => queue.getJobState(ticketId)).toBe('completed');
    await queue.close();
    connection.disconnect();
  });
});
