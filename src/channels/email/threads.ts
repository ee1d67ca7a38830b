import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { InboundEmail } from './parse.js';

/** How long a Message-ID still finds its conversation: players answer e-mails weeks later. */
const THREAD_TTL_SECONDS = 180 * 24 * 3600;
/** References kept for a reply's header (the thread's first and latest messages are what clients use). */
const MAX_REFERENCES = 20;
const TICKET_IN_SUBJECT = /\[(T-[2-9A-HJ-NP-TV-Z]{4,6})\]/;

/** What a reply needs to land in the player's thread. */
export const EmailThread = z.object({
  address: z.string(),
  name: z.string().optional(),
  subject: z.string(),
  lastMessageId: z.string(),
  references: z.string().transform((json) => z.array(z.string()).parse(JSON.parse(json))),
  ticketId: z.string().optional(),
});
export type EmailThread = z.infer<typeof EmailThread>;

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);

/**
 * E-mail threads as conversations: one conversation per thread, found by any Message-ID in it
 * (ours or the player's: In-Reply-To and References), or by the ticket id in the subject when a
 * mail client dropped those headers. Each thread keeps what a reply needs to stay in it.
 */
export class EmailThreads {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** The conversation an open ticket belongs to (for "[T-7Q2K]" in a subject). */
    private readonly conversationOfTicket: (ticketId: string) => Promise<string | undefined>,
  ) {}

  private messageKey(messageId: string): string {
    return `${this.prefix}email:message:${digest(messageId)}`;
  }

  private threadKey(chatId: string): string {
    return `${this.prefix}email:thread:${chatId}`;
  }

  /** The chat id of the thread this e-mail belongs to: an earlier one it answers, the ticket it names, or a new one. */
  async chatOf(email: InboundEmail): Promise<string> {
    for (const id of email.answers) {
      const found = await this.redis.get(this.messageKey(id));
      if (found) return found;
    }
    const ticketId = TICKET_IN_SUBJECT.exec(email.subject)?.[1];
    const conversation = ticketId ? await this.conversationOfTicket(ticketId) : undefined;
    if (conversation?.startsWith('email:')) return conversation.slice('email:'.length);
    return digest(email.messageId);
  }

  /** Records an e-mail of the player in its thread (the first one starts it). */
  async received(chatId: string, email: InboundEmail): Promise<void> {
    const thread = await this.get(chatId);
    const references = [...(thread?.references ?? []), ...(thread ? [] : email.answers.slice().reverse()), email.messageId].slice(-MAX_REFERENCES);
    await this.redis
      .multi()
      .set(this.messageKey(email.messageId), chatId, 'EX', THREAD_TTL_SECONDS)
      .hset(this.threadKey(chatId), {
        address: email.address,
        ...(email.name ? { name: email.name } : {}),
        subject: thread?.subject ?? (email.subject || '(no subject)'),
        lastMessageId: email.messageId,
        references: JSON.stringify(references),
      })
      .expire(this.threadKey(chatId), THREAD_TTL_SECONDS)
      .exec();
  }

  /** Records a reply we sent, so the player's answer to it finds the thread. */
  async sent(chatId: string, messageId: string, ticketId: string | undefined): Promise<void> {
    const thread = await this.get(chatId);
    if (!thread) return;
    await this.redis
      .multi()
      .set(this.messageKey(messageId), chatId, 'EX', THREAD_TTL_SECONDS)
      .hset(this.threadKey(chatId), { lastMessageId: messageId, references: JSON.stringify([...thread.references, messageId].slice(-MAX_REFERENCES)), ...(ticketId ? { ticketId } : {}) })
      .exec();
  }

  /**
   * The thread in which a player of another channel gets the agent's replies by e-mail (they left
   * their address while nobody was online): one per conversation and address, started on first use.
   */
  async copyThread(conversationKey: string, address: string, ticketId: string | undefined): Promise<string> {
    const chatId = `copy-${digest(`${conversationKey}\n${address}`)}`;
    const key = this.threadKey(chatId);
    const steps = this.redis
      .multi()
      .hsetnx(key, 'address', address)
      .hsetnx(key, 'subject', 'Your Demo Casino support request')
      .hsetnx(key, 'lastMessageId', '')
      .hsetnx(key, 'references', '[]')
      .expire(key, THREAD_TTL_SECONDS);
    if (ticketId) steps.hset(key, 'ticketId', ticketId);
    await steps.exec();
    return chatId;
  }

  async get(chatId: string): Promise<EmailThread | undefined> {
    const parsed = EmailThread.safeParse(await this.redis.hgetall(this.threadKey(chatId)));
    return parsed.success ? parsed.data : undefined;
  }
}
