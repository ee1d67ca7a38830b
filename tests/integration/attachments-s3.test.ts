import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3_ACCESS_KEY, type FakeS3, startFakeS3 } from '../fixtures/fake-s3.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('attachments-s3');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
let s3: FakeS3;
let gateway: TestApp;

beforeAll(async () => {
  s3 = await startFakeS3('pitboss-files');
  gateway = await startTestApp({
    prefix,
    env: { S3_BUCKET: 'pitboss-files', S3_ENDPOINT: s3.url, S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: S3_ACCESS_KEY, S3_SECRET_ACCESS_KEY: 'secret-key-for-the-fake-s3-0123456789', S3_PREFIX: 'chat-files/' },
  });
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
  await s3?.close();
});

describe('attachments in an S3-compatible bucket (S3_BUCKET)', () => {
  it('keeps an uploaded file in the bucket under the prefix and serves it back from there', async () => {
    const player = await createSession(gateway.url);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)]), 'receipt.png');
    const uploaded = await fetch(`${gateway.url}/api/webchat/attachments`, { method: 'POST', headers: { authorization: `Bearer ${player.token}` }, body: form });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    expect(s3.objects.get(`chat-files/${id}`)?.equals(PNG)).toBe(true);

    await postMessage(gateway.url, player.token, { attachments: [id] });
    expect((await history(gateway.url, player.token)).some((m) => m.attachments?.[0]?.id === id)).toBe(true);
    const file = await fetch(`${gateway.url}/api/webchat/attachments/${id}`, { headers: { authorization: `Bearer ${player.token}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

    s3.objects.delete(`chat-files/${id}`);
    const gone = await fetch(`${gateway.url}/api/webchat/attachments/${id}`, { headers: { authorization: `Bearer ${player.token}` } });
    expect(gone.status).toBe(404);
  });
});
