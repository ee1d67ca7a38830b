import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';

/** The HTTP contract published from the routes' own zod schemas. */
const prefix = uniquePrefix('openapi');
let gateway: TestApp;

beforeAll(async () => {
  gateway = await startTestApp({ prefix });
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
});

type Operation = { summary?: string; security?: unknown[]; requestBody?: { content: { 'application/json': { schema: { properties: Record<string, { maxLength?: number }>; required?: string[] } } } }; parameters?: Array<{ in: string; name: string }> };
type Document = { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, { scheme: string }> } };

describe('the OpenAPI document at /docs', () => {
  it('describes the web chat and agent routes with the schemas the gateway validates with', async () => {
    const response = await fetch(`${gateway.url}/docs/json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Document;
    expect(doc).toMatchObject({ openapi: '3.1.0', info: { title: 'Pitboss' } });
    const send = doc.paths['/api/webchat/messages']!.post!;
    expect(send.security).toEqual([{ player: [] }]);
    const body = send.requestBody!.content['application/json'].schema;
    // Text, files, or both (SPEC §8.4): neither alone is required.
    expect(body.required).toBeUndefined();
    expect(body.properties.text!.maxLength).toBe(4000);
    expect(Object.keys(body.properties)).toEqual(['text', 'attachments', 'clientMessageId']);
    expect(doc.paths['/api/webchat/messages']!.get!.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(['query:after', 'query:limit']);
    expect(doc.paths['/api/agent/tickets/{id}/claim']!.post!.parameters).toEqual([expect.objectContaining({ in: 'path', name: 'id' })]);
    expect(doc.paths['/api/agent/login']!.post!.requestBody).toBeDefined();
    expect(doc.components.securitySchemes).toMatchObject({ player: { scheme: 'bearer' }, agent: { scheme: 'bearer' } });
  });

  it('serves the browsable documentation page', async () => {
    const page = await fetch(`${gateway.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('swagger');
  });

  it('refuses what a schema refuses with the usual { error, message }, naming the field', async () => {
    await addAgent(gateway, 'docs@demo.example', 'Dora');
    const token = await loginAgent(gateway, 'docs@demo.example');
    const badId = await agentCall(gateway, token, 'POST', '/api/agent/tickets/not-a-ticket/claim');
    expect(badId).toEqual({ status: 400, body: { error: 'invalid_input', message: 'Invalid path: id: must be a ticket id like T-7Q2K' } });
    const empty = await agentCall(gateway, token, 'POST', '/api/agent/tickets/T-7Q2K/notes', { text: '   ' });
    expect(empty).toEqual({ status: 400, body: { error: 'invalid_input', message: 'Invalid request body: text: must not be empty' } });
  });
});
