import { Queue } from 'bullmq';
import { createAttachments } from '../attachments/index.js';
import { channelKeys } from '../channels/keys.js';
import { conversationKeys } from '../conversation/keys.js';
import { handoffKeys } from '../handoff/keys.js';
import { HANDOFF_QUEUE } from '../handoff/queue.js';
import { TurnLock } from '../pipeline/turn-lock.js';
import type { Redis } from '../redis.js';
import { runCommand } from './command.js';
import { countsOf, describeSelector, type PlayerConversation, type PlayerData, PlayerDataSources, selectorOption, selectorOptions } from './player-data.js';

/** The channel mailboxes (src/channels/index.ts) whose per-chat lists may still hold the player's messages. */
const MAILBOXES = ['inbound', 'outbound'];

runCommand({
  name: 'player:erase',
  synopsis: '--player ID | --conversation KEY [--yes]',
  description: [
    'Erases a player\'s data for a data-protection request: their conversations, transcripts, tickets with their',
    'events and notes, from the system of record and from Redis (with copies not yet recorded). Without --yes it',
    'only shows what it would erase. A ticket still open must be resolved by an agent first. The erasure is',
    'audited in the erasures table: when, the conversation keys\' SHA-256 and the counts, never the content.',
    '  --player         the player\'s id: their chat id on a channel (a Telegram user id, a WhatsApp number), on every channel',
    '  --conversation   one conversation by its key, e.g. telegram:12345',
    '  --yes            erase; without it nothing changes',
  ].join('\n'),
  options: { ...selectorOptions, yes: { type: 'boolean', default: false } },
  async run(values, { config, redis, record }) {
    const selector = selectorOption(values);
    const sources = new PlayerDataSources(config, redis, await record());
    const keys = await sources.keysOf(selector);
    const nothing = () => new Error(`Found nothing for ${describeSelector(selector)} in the system of record or in Redis.`);
    if (!values.yes) {
      const { conversations } = await sources.read(keys);
      if (conversations.length === 0) throw nothing();
      refuseOpenTickets(conversations);
      console.log(`Would erase, for ${describeSelector(selector)}, ${conversations.length} conversation(s):`);
      for (const conversation of conversations) console.log(`  ${conversation.key}  ${describe(conversation)}`);
      console.log('Nothing was changed. Run again with --yes to erase.');
      return;
    }
    // No turn runs in these conversations meanwhile: none can write a reply into what is being erased.
    const lock = new TurnLock(redis, conversationKeys(config.REDIS_PREFIX).turnLock, {
      leaseMs: config.TURN_LOCK_SECONDS * 1000,
      waitMs: config.LLM_TIMEOUT_MS + config.TURN_LOCK_SECONDS * 1000,
    });
    await underLocks(lock, keys, async () => {
      const found = await sources.read(keys);
      if (found.conversations.length === 0) throw nothing();
      refuseOpenTickets(found.conversations);
      const counts = countsOf(found.conversations);
      const erased = found.conversations.map((conversation) => conversation.key);
      // Redis first (with the record outbox's copies not taken yet, and a tombstone for any in a drain's hands), then the record.
      const channels = channelKeys(config.REDIS_PREFIX);
      await sources.live.erase(found.live, erased, erased.flatMap((key) => MAILBOXES.map((name) => channels.mailbox(name, key))));
      await removeTicketJobs(redis, config.REDIS_PREFIX, found);
      const audit = await sources.record.erase(erased, counts);
      // The files sent in those conversations, last: a crash before this leaves files no message names, never a message without its file.
      const files = [...new Set(found.conversations.flatMap((conversation) => conversation.messages.flatMap((message) => (message.attachments ?? []).map((file) => file.id))))];
      const store = await createAttachments({ config, redis });
      for (const id of files) await store.remove(id);
      console.log(
        `Erased, for ${describeSelector(selector)}, ${counts.conversations} conversation(s): ${counts.messages} message(s), ${counts.tickets} ticket(s), ` +
          `${counts.ticketEvents} ticket event(s), ${counts.notes} note(s), ${files.length} file(s), from the system of record, Redis and the file store (audit row ${audit} in erasures).`,
      );
    });
  },
});

function refuseOpenTickets(conversations: PlayerConversation[]): void {
  for (const conversation of conversations) {
    const open = conversation.tickets.find((ticket) => ticket.status !== 'resolved');
    if (!open) continue;
    const holder = open.agentName ? `, with ${open.agentName}` : '';
    throw new Error(
      `Ticket ${open.id} of ${conversation.key} is still open (${open.status}${holder}): an agent must resolve it before the player's data can be erased. Nothing was changed.`,
    );
  }
}

function describe(conversation: PlayerConversation): string {
  const parts = [`${conversation.messages.length} message(s)`];
  if (conversation.tickets.length > 0) parts.push(`ticket(s) ${conversation.tickets.map((ticket) => `${ticket.id} (${ticket.status})`).join(', ')}`);
  const notes = conversation.tickets.reduce((sum, ticket) => sum + ticket.notes.length, 0);
  const events = conversation.tickets.reduce((sum, ticket) => sum + ticket.events.length, 0);
  if (notes > 0) parts.push(`${notes} note(s)`);
  if (events > 0) parts.push(`${events} ticket event(s)`);
  return parts.join(', ');
}

/** Runs `task` holding the turn lock of every one of `keys`. */
function underLocks<T>(lock: TurnLock, keys: string[], task: () => Promise<T>): Promise<T> {
  const [first, ...rest] = keys;
  return first === undefined ? task() : lock.run(first, () => underLocks(lock, rest, task));
}

/** A resolved ticket's BullMQ job (kept a while for Bull Board) carries its facts and summary: it goes too. */
async function removeTicketJobs(redis: Redis, prefix: string, found: PlayerData): Promise<void> {
  const queue = new Queue(HANDOFF_QUEUE, { connection: redis, prefix: handoffKeys(prefix).bullPrefix });
  try {
    for (const conversation of found.conversations) for (const ticket of conversation.tickets) await queue.remove(ticket.id);
  } finally {
    await queue.close();
  }
}
