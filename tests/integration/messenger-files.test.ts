import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/schemas.js';
import { postUpdate, textUpdate } from '../fixtures/fake-telegram.js';
import { postWebhook, waTextMessage, waWebhook } from '../fixtures/fake-whatsapp.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { type MessengerGateway, startMessengerGateway } from '../helpers/messengers.js';
import { uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('messenger-files');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(400)]);

let messengers: MessengerGateway;
let agent: string;
let chat = 930_000;

beforeAll(async () => {
  messengers = await startMessengerGateway(prefix, 'knowledge');
  await addAgent(messengers.gateway, 'anna@demo.example', 'Anna');
  agent = await loginAgent(messengers.gateway, 'anna@demo.example');
});
afterAll(async () => {
  await messengers?.stop();
});

/** The ticket the conversation's handoff opened, as the agent reads it, once its transcript has `count` player messages. */
async function ticketTranscript(conversationKey: string, count: number): Promise<Message[]> {
  const { gateway } = messengers;
  let transcript: Message[] = [];
  await expect
    .poll(async () => {
      const ticketId = await gateway.redis.hget(`${prefix}conv:${conversationKey}`, 'ticketId');
      if (!ticketId) return 0;
      transcript = (await agentCall<{ transcript: Message[] }>(gateway, agent, 'GET', `/api/agent/tickets/${ticketId}`)).body.transcript;
      return transcript.filter((m) => m.from === 'player').length;
    })
    .toBeGreaterThanOrEqual(count);
  return transcript;
}

async function fileAsAgent(id: string): Promise<Response> {
  return fetch(`${messengers.gateway.url}/api/agent/attachments/${id}`, { headers: { authorization: `Bearer ${agent}` } });
}

/** An agent sends a file to the player of a ticket they hold (multipart, as the console does). */
async function agentSends(ticketId: string, bytes: Buffer, name: string): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${messengers.gateway.url}/api/agent/tickets/${ticketId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${agent}` }, body: form });
  return response.status;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('files agents send to messenger players', () => {
  it('reach a Telegram player as a document and a WhatsApp player as an uploaded image', async () => {
    const { telegram, graph, gateway } = messengers;
    const id = ++chat;
    await postUpdate(gateway.url, textUpdate(id, 'I want to talk to a real person'));
    await ticketTranscript(`telegram:${id}`, 1);
    const telegramTicket = (await gateway.redis.hget(`${prefix}conv:telegram:${id}`, 'ticketId'))!;
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${telegramTicket}/claim`);
    expect(await agentSends(telegramTicket, PDF, 'statement.pdf')).toBe(201);
    await expect.poll(() => telegram.calls.filter((c) => c.path.endsWith('/sendDocument') && c.status === 200 && String(c.body.raw).includes(String(id))).length).toBe(1);

    const from = `99455${++chat}`;
    await postWebhook(gateway.url, waWebhook({ messages: [waTextMessage(from, 'I want to talk to a real person')] }));
    await ticketTranscript(`whatsapp:${from}`, 1);
    const whatsappTicket = (await gateway.redis.hget(`${prefix}conv:whatsapp:${from}`, 'ticketId'))!;
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${whatsappTicket}/claim`);
    expect(await agentSends(whatsappTicket, PNG, 'how-to.png')).toBe(201);
    await expect.poll(() => graph.messages(from).filter((c) => c.body.type === 'image').length).toBe(1);
  });
});

describe('files players send in messengers', () => {
  it('keeps a Telegram photo (its largest size) and shows it to the agent, and describes a program sent as a document instead of keeping it', async () => {
    const { telegram, gateway } = messengers;
    const id = ++chat;
    telegram.files.set('photo-small', Buffer.from('tiny'));
    telegram.files.set('photo-large', PNG);
    telegram.files.set('doc-exe', EXE);
    await postUpdate(gateway.url, textUpdate(id, 'I want to talk to a real person'));
    const photo = textUpdate(id, '', { photo: [{ file_id: 'photo-small', width: 1, height: 1 }, { file_id: 'photo-large', width: 1, height: 1 }], caption: 'the rejected withdrawal' });
    delete (photo.message as { text?: string }).text;
    await postUpdate(gateway.url, photo);
    const program = textUpdate(id, '', { document: { file_id: 'doc-exe', file_name: 'statement.pdf' } });
    delete (program.message as { text?: string }).text;
    await postUpdate(gateway.url, program);

    const transcript = await ticketTranscript(`telegram:${id}`, 3);
    const [, withPhoto, withProgram] = transcript.filter((m) => m.from === 'player');
    expect(withPhoto!.text).toBe('[photo] the rejected withdrawal');
    expect(withPhoto!.attachments?.[0]?.contentType).toBe('image/png');
    const file = await fileAsAgent(withPhoto!.attachments![0]!.id);
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    expect(withProgram!.text).toBe('[document]');
    expect(withProgram!.attachments).toBeUndefined();
  });

  it('keeps a WhatsApp image fetched through the media API and shows it to the agent', async () => {
    const { graph, gateway } = messengers;
    const from = `99455${++chat}`;
    graph.media.set('media-77', PNG);
    await postWebhook(gateway.url, waWebhook({ messages: [waTextMessage(from, 'I want to talk to a real person')] }));
    const image = { from, id: `wamid.img${chat}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'image', image: { id: 'media-77', mime_type: 'image/png', caption: 'screenshot' } };
    await postWebhook(gateway.url, waWebhook({ messages: [image] }));

    const transcript = await ticketTranscript(`whatsapp:${from}`, 2);
    const withImage = transcript.filter((m) => m.from === 'player')[1]!;
    expect(withImage.text).toBe('[image] screenshot');
    const file = await fileAsAgent(withImage.attachments![0]!.id);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
  });
});
