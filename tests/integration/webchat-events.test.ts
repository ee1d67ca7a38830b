import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKeys } from '../../src/conversation/keys.js';
import { ConversationStore } from '../../src/conversation/store.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, openEvents, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('events');
let replicaA: TestApp;
let replicaB: TestApp;

beforeAll(async () => {
  replicaA = await startTestApp({ prefix });
  replicaB = await startTestApp({ prefix });
});
afterAll(async () => {
  await stopTestApps(prefix, replicaA, replicaB);
});

describe('web chat events (SSE)', () => {
  it('delivers a message posted on one replica to a listener on another', async () => {
    const { token } = await createSession(replicaA.url);
    const events = await openEvents(replicaB.url, token);
    const { body } = await postMessage(replicaA.url, token, { text: 'hello from replica A' });
    const player = await events.next((m) => m.from === 'player');
    const reply = await events.next((m) => m.from === 'bot');
    expect(player).toMatchObject({ id: body.messageId, text: 'hello from replica A' });
    expect(reply).toEqual(body.replies[0]);
    events.close();
  });

  it('streams an agent message written straight into the transcript', async () => {
    const { token, conversationId } = await createSession(replicaA.url);
    const events = await openEvents(replicaA.url, token);
    const store = new ConversationStore(replicaB.redis, conversationKeys(prefix));
    await store.append(conversationId, { from: 'agent', text: 'Hi, I am Anna', locale: 'en', author: 'Anna' });
    expect(await events.next((m) => m.from === 'agent')).toMatchObject({ text: 'Hi, I am Anna', author: 'Anna' });
    events.close();
  });

  it('replays what was missed after Last-Event-ID, in order and without repeats', async () => {
    const { token } = await createSession(replicaA.url);
    await postMessage(replicaA.url, token, { text: 'first' });
    await postMessage(replicaA.url, token, { text: 'second' });
    const events = await openEvents(replicaB.url, token, { 'last-event-id': '2' });
    await postMessage(replicaA.url, token, { text: 'third' });
    await events.next((m) => m.seq === 7);
    expect(events.received.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7]);
    events.close();
  });

  it('refuses a stream without a valid token', async () => {
    const response = await fetch(`${replicaA.url}/api/webchat/events`, { headers: { authorization: 'Bearer x' } });
    expect(response.status).toBe(401);
  });
});
