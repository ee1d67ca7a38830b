import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/schemas.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('attachments');
let gateway: TestApp;

/** A real 1×1 PNG, a PDF header and a Windows program (MZ header) that says it is a PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(400)]);

beforeAll(async () => {
  gateway = await startTestApp({ prefix, env: { ATTACHMENT_MAX_BYTES: '4096' } });
  await addAgent(gateway, 'anna@demo.example', 'Anna');
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
});

async function upload(path: string, token: string, bytes: Buffer, name: string, text?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  if (text !== undefined) form.append('text', text);
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const fetchFile = (path: string, token: string) => fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('files in the web chat', () => {
  it('takes a picture by its content, sends it with a message and gives it back only to its own chat, served inert', async () => {
    const player = await createSession(gateway.url);
    const stored = await upload('/api/webchat/attachments', player.token, PNG, '../../screenshot.jpeg');
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ name: 'screenshot.png', contentType: 'image/png', size: PNG.length });
    const id = String(stored.body.id);

    const sent = await postMessage(gateway.url, player.token, { attachments: [id] });
    expect(sent.status).toBe(200);
    expect(sent.body.replies[0]?.text).toMatch(/only read text/);
    const mine = (await history(gateway.url, player.token)).find((m) => m.from === 'player');
    expect(mine?.attachments).toEqual([{ id, name: 'screenshot.png', contentType: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') }]);

    const file = await fetchFile(`/api/webchat/attachments/${id}`, player.token);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

    const stranger = await createSession(gateway.url);
    expect((await fetchFile(`/api/webchat/attachments/${id}`, stranger.token)).status).toBe(404);
    const borrowed = await postMessage(gateway.url, stranger.token, { attachments: [id] });
    expect(borrowed.status).toBe(404);
    expect(borrowed.body.error).toBe('attachment_not_found');
  });

  it('refuses a program renamed .png, and a file over the size limit, storing nothing', async () => {
    const player = await createSession(gateway.url);
    const storedBefore = (await gateway.redis.keys(`${prefix}attachment:*`)).length;
    const exe = await upload('/api/webchat/attachments', player.token, EXE, 'cute-cat.png');
    expect(exe.status).toBe(415);
    expect(exe.body.error).toBe('unsupported_type');
    const big = await upload('/api/webchat/attachments', player.token, Buffer.concat([PDF, Buffer.alloc(8192)]), 'statement.pdf');
    expect(big.status).toBe(413);
    expect(big.body.error).toBe('too_large');
    expect((await gateway.redis.keys(`${prefix}attachment:*`)).length).toBe(storedBefore);
  });

  it('refuses a message with neither text nor files, and a request without a file', async () => {
    const player = await createSession(gateway.url);
    expect((await postMessage(gateway.url, player.token, { attachments: [] })).status).toBe(400);
    const response = await fetch(`${gateway.url}/api/webchat/attachments`, { method: 'POST', headers: { authorization: `Bearer ${player.token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(400);
  });
});

describe('files between the player and the agent', () => {
  it('shows the player the agent a file, lets the agent send one back, and lists both with their SHA-256 in the case file', async () => {
    const player = await createSession(gateway.url);
    const evidence = await upload('/api/webchat/attachments', player.token, PNG, 'proof.png');
    const asked = await postMessage(gateway.url, player.token, { text: 'I want to talk to a real person', attachments: [String(evidence.body.id)] });
    const ticketId = asked.body.replies.find((m: Message) => m.handoff?.ticketId)?.handoff?.ticketId;
    expect(ticketId).toBeTruthy();

    const agent = await loginAgent(gateway, 'anna@demo.example');
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`);
    const seen = await fetchFile(`/api/agent/attachments/${evidence.body.id}`, agent);
    expect(seen.status).toBe(200);
    expect((await fetchFile(`/api/agent/attachments/${evidence.body.id}`, player.token)).status).toBe(401);

    const back = await upload(`/api/agent/tickets/${ticketId}/attachments`, agent, PDF, 'withdrawal-statement.pdf', 'Here is your statement.');
    expect(back.status).toBe(201);
    const sent = (back.body.message as Message).attachments?.[0];
    expect(sent?.contentType).toBe('application/pdf');
    const forPlayer = (await history(gateway.url, player.token)).find((m) => m.from === 'agent');
    expect(forPlayer?.text).toBe('Here is your statement.');
    const download = await fetchFile(`/api/webchat/attachments/${sent?.id}`, player.token);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="withdrawal-statement.pdf"/);

    const exported = await agentCall<{ attachments: Array<{ name: string; sha256: string; from: string }> }>(gateway, agent, 'GET', `/api/agent/tickets/${ticketId}/export`);
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(exported.body.attachments).toEqual([
      expect.objectContaining({ name: 'proof.png', from: 'player', sha256: sha(PNG) }),
      expect.objectContaining({ name: 'withdrawal-statement.pdf', from: 'agent', sha256: sha(PDF) }),
    ]);

    // The system of record keeps each file's description and checksum with its message (the bytes stay in the store).
    await expect
      .poll(async () => {
        const recorded = await agentCall<{ messages?: Message[] }>(gateway, agent, 'GET', `/api/agent/conversations/${player.conversationId}`);
        return (recorded.body.messages ?? []).flatMap((m) => m.attachments ?? []).map((file) => file.sha256);
      })
      .toEqual([sha(PNG), sha(PDF)]);
  });
});
