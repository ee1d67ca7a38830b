import type { ParsedMail } from 'mailparser';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/schemas.js';
import { freePort, type SmtpSink, startSmtpSink } from '../fixtures/smtp-sink.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('email');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let sink: SmtpSink;
let gateway: TestApp;
let mailer: Transporter;

beforeAll(async () => {
  sink = await startSmtpSink();
  const port = await freePort();
  gateway = await startTestApp({ prefix, env: { SMTP_PORT: String(port), SMTP_HOST: '127.0.0.1', SMTP_URL: sink.url, EMAIL_FROM: 'Demo Casino Support <support@demo.example>' } });
  // The player's mail server delivering to the support mailbox (forwarded to our listener).
  mailer = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  await addAgent(gateway, 'anna@demo.example', 'Anna');
});
afterAll(async () => {
  mailer?.close();
  await stopTestApps(prefix, gateway);
  await sink?.close();
});

/** The replies the relay got for `address`, once there are `count`. */
async function repliesTo(address: string, count: number): Promise<ParsedMail[]> {
  const to = (mail: ParsedMail) => JSON.stringify(mail.to).includes(address);
  await expect.poll(() => sink.received.filter(to).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  return sink.received.filter(to);
}

describe('the e-mail channel', () => {
  it('answers an e-mail in its thread with the cited article, without the signature or quoted text getting in the way', async () => {
    const sent = await mailer.sendMail({
      from: 'John Player <john@example.com>',
      to: 'support@demo.example',
      subject: 'Withdrawal question',
      text: 'How long does a withdrawal to my Visa card take?\n\n-- \nJohn\nSent from my phone',
    });
    const [answer] = await repliesTo('john@example.com', 1);
    expect(answer!.subject).toBe('Re: Withdrawal question');
    expect(answer!.inReplyTo).toBe(sent.messageId);
    expect(answer!.text).toMatch(/1–5 business days/);
    expect(answer!.text).toMatch(/Source: Withdrawal/);
    expect(answer!.headers.get('auto-submitted')).toBe('auto-replied');
  });

  it('keeps the thread across a reply, hands off with the attachment for the agent, and sends the agent reply in the same thread', async () => {
    const first = await mailer.sendMail({ from: 'mira@example.com', to: 'support@demo.example', subject: 'My bonus', text: 'what is the wagering on the welcome bonus?' });
    const [botAnswer] = await repliesTo('mira@example.com', 1);
    await mailer.sendMail({
      from: 'mira@example.com',
      to: 'support@demo.example',
      subject: 'Re: My bonus',
      inReplyTo: botAnswer!.messageId,
      references: [first.messageId, botAnswer!.messageId!],
      text: `I want to talk to a real person\n\nOn Mon, 1 Dec 2026 at 10:00, Demo Casino Support <support@demo.example> wrote:\n> ${botAnswer!.text!.split('\n')[0]}`,
      attachments: [{ filename: 'screenshot.png', content: PNG }],
    });
    const replies = await repliesTo('mira@example.com', 2);
    const queued = replies[1]!;
    const ticketId = /\[(T-\w+)\]/.exec(queued.subject ?? '')?.[1];
    expect(ticketId).toBeTruthy();
    expect(queued.references).toContain(first.messageId);

    const agent = await loginAgent(gateway, 'anna@demo.example');
    const claimed = await agentCall<{ transcript: Message[]; ticket: { channel: string } }>(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`);
    expect(claimed.body.ticket.channel).toBe('email');
    const players = claimed.body.transcript.filter((m) => m.from === 'player');
    expect(players.map((m) => m.text)).toEqual(['what is the wagering on the welcome bonus?', 'I want to talk to a real person']);
    expect(players[1]!.attachments?.[0]).toMatchObject({ name: 'screenshot.png', contentType: 'image/png' });

    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Hello Mira, Anna here. Let me check that for you.' });
    const afterAgent = await repliesTo('mira@example.com', 4);
    const fromAnna = afterAgent.find((mail) => mail.text?.includes('Anna here'))!;
    expect(fromAnna.subject).toBe(`Re: My bonus [${ticketId}]`);
    expect(fromAnna.references).toContain(first.messageId);

    const form = new FormData();
    form.append('text', 'The bonus terms are attached.');
    form.append('file', new Blob([new Uint8Array(PNG)]), 'terms.png');
    await fetch(`${gateway.url}/api/agent/tickets/${ticketId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${agent}` }, body: form });
    const withFile = (await repliesTo('mira@example.com', 5)).find((mail) => mail.attachments.length > 0)!;
    expect(withFile.attachments[0]).toMatchObject({ filename: 'terms.png', contentType: 'image/png' });
    expect(withFile.attachments[0]!.content.equals(PNG)).toBe(true);
  });

  it('e-mails the agent reply to a web chat player who left their address while waiting', async () => {
    const player = await createSession(gateway.url);
    const asked = await postMessage(gateway.url, player.token, { text: 'I want to talk to a real person' });
    const ticketId = asked.body.replies.find((m: Message) => m.handoff?.ticketId)?.handoff?.ticketId;
    await postMessage(gateway.url, player.token, { text: 'you can write to olga@example.com' });
    const agent = await loginAgent(gateway, 'anna@demo.example');
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`);
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Olga, your deposit is credited now.' });
    const [copy] = await repliesTo('olga@example.com', 1);
    expect(copy!.text).toContain('Olga, your deposit is credited now.');
    expect(copy!.subject).toContain(`[${ticketId}]`);
  });

  it('never answers a bounce or an auto-reply', async () => {
    await mailer.sendMail({ from: 'MAILER-DAEMON@mx.example.com', to: 'support@demo.example', subject: 'Undelivered Mail Returned to Sender', text: 'This is the mail system. I could not deliver your message.' });
    await mailer.sendMail({ from: 'away@example.com', to: 'support@demo.example', subject: 'Out of office', text: 'I am on holiday until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } });
    // Mail is taken in order: once a later e-mail is answered, the two before it were read too.
    await mailer.sendMail({ from: 'later@example.com', to: 'support@demo.example', subject: 'Deposit', text: 'what is the minimum deposit?' });
    await repliesTo('later@example.com', 1);
    expect(sink.received.filter((mail) => /mailer-daemon|away@/i.test(JSON.stringify(mail.to)))).toEqual([]);
  });
});
