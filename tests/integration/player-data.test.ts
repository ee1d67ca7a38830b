import { randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationStore } from '../../src/conversation/store.js';
import { conversationKeyHash, conversationKeys, stateKeys } from '../../src/conversation/keys.js';
import { LiveConversationData } from '../../src/conversation/live-data.js';
import type { HistoryConversation, HistoryPage } from '../../src/core/history.js';
import { IN_MEMORY, openRecordDatabase, type RecordDatabase } from '../../src/record/database.js';
import { RecordDrain } from '../../src/record/drain.js';
import { RecordPlayerData } from '../../src/record/player-data.js';
import { RecordWriter } from '../../src/record/writer.js';
import { scanKeys } from '../../src/redis.js';
import { postUpdate, startFakeTelegram, TELEGRAM_SECRET, TELEGRAM_TOKEN, textUpdate } from '../fixtures/fake-telegram.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { query, schemaFor, TEST_DATABASE_URL } from '../helpers/database.js';
import { deleteKeys, TEST_REDIS_URL, testConnections, uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

interface ExportedTicket {
  id: string;
  status: string;
  rating?: number;
  events: Array<{ type: string }>;
  notes: Array<{ text: string; agentName: string }>;
}
interface Exported {
  request: Record<string, string>;
  conversations: Array<{ key: string; channel: string; chatId: string; messages: Array<{ from: string; text: string }>; tickets: ExportedTicket[] }>;
}

describe('data-protection requests against a running gateway on PostgreSQL', () => {
  const prefix = uniquePrefix('player-data');
  const player = String(randomInt(100_000_000, 999_999_999));
  const key = `telegram:${player}`;
  // Files sent in the chat are kept on disk here, where the commands find them too.
  const filesDir = mkdtempSync(join(tmpdir(), 'pitboss-player-files-'));
  const env = { NODE_ENV: 'test', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schemaFor(prefix), DATA_DIR: filesDir };
  const cli = (script: string, ...args: string[]) => runCli(script, args, env);
  let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
  let gateway: TestApp;
  let agent: string;
  let ticketId: string;

  beforeAll(async () => {
    telegram = await startFakeTelegram();
    gateway = await startTestApp({
      prefix,
      env: { TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_ROOT: telegram.url, RECORD_DRAIN_MS: '100', DATA_DIR: filesDir },
    });
    await addAgent(gateway, 'lena@demo.example', 'Lena');
    agent = await loginAgent(gateway, 'lena@demo.example');
  });
  afterAll(async () => {
    await stopTestApps(prefix, gateway);
    await telegram.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const say = async (text: string, answers: number) => {
    await postUpdate(gateway.url, textUpdate(Number(player), text));
    await expect.poll(() => telegram.sent(Number(player)).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(answers);
  };
  const recorded = async () => agentCall<HistoryConversation>(gateway, agent, 'GET', `/api/agent/conversations/${key}`);
  const found = async (word: string) => (await agentCall<HistoryPage>(gateway, agent, 'GET', `/api/agent/conversations?query=${word}`)).body.conversations.map((c) => c.key);
  const liveKeysNaming = async (text: string) => {
    const keys: string[] = [];
    for await (const batch of scanKeys(gateway.redis, `${prefix}*${text}*`)) keys.push(...batch);
    return keys;
  };

  it('exports every conversation of the player: transcript, ticket with its events, notes and rating', async () => {
    await say('How long does a withdrawal to my Visa card take?', 1);
    await say('I want to talk to a human agent', 2);
    await expect.poll(() => gateway.redis.hget(`${prefix}conv:${key}`, 'ticketId')).toMatch(/^T-/);
    ticketId = (await gateway.redis.hget(`${prefix}conv:${key}`, 'ticketId'))!;
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`);
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Hello! I am checking your Visa withdrawal now.' });
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/notes`, { text: 'card withdrawal pending at the bank' });
    expect((await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/resolve`)).status).toBe(200);
    await expect.poll(() => telegram.sent(Number(player)).some((call) => /rate the help/.test(String(call.body.text))), { timeout: 10_000 }).toBe(true);
    const before = telegram.sent(Number(player)).length;
    await say('5', before + 1);
    // Everything reached the system of record: the whole transcript and the rating.
    const transcript = await gateway.redis.xlen(`${prefix}conv:${key}:log`);
    await expect.poll(async () => (await recorded()).body.messages?.length, { timeout: 15_000 }).toBe(transcript);
    await expect.poll(async () => (await recorded()).body.tickets?.[0]?.rating, { timeout: 15_000 }).toBe(5);
    expect(await found('Visa')).toContain(key);

    const exported = await cli('player-export', '--player', player);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const document = JSON.parse(exported.stdout) as Exported;
    expect(document.request).toEqual({ player });
    expect(document.conversations.map((c) => [c.key, c.channel, c.chatId])).toEqual([[key, 'telegram', player]]);
    const [conversation] = document.conversations;
    expect(conversation!.messages).toHaveLength(transcript);
    expect(conversation!.messages).toContainEqual(expect.objectContaining({ from: 'player', text: 'How long does a withdrawal to my Visa card take?' }));
    expect(conversation!.messages).toContainEqual(expect.objectContaining({ from: 'agent', text: 'Hello! I am checking your Visa withdrawal now.' }));
    expect(conversation!.tickets).toEqual([expect.objectContaining({ id: ticketId, status: 'resolved', rating: 5 })]);
    const [ticket] = conversation!.tickets;
    expect(ticket!.notes).toEqual([expect.objectContaining({ text: 'card withdrawal pending at the bank', agentName: 'Lena' })]);
    expect(ticket!.events.map((event) => event.type)).toEqual(expect.arrayContaining(['ticket.created', 'ticket.claimed', 'ticket.resolved']));

    // --out: the same document in a file only its owner can read.
    const dir = mkdtempSync(join(tmpdir(), 'pitboss-export-'));
    try {
      const file = join(dir, 'player.json');
      const written = await cli('player-export', '--conversation', key, '--out', file);
      expect(written.status).toBe(0);
      expect(written.stdout).toContain(file);
      expect((JSON.parse(readFileSync(file, 'utf8')) as Exported).conversations[0]!.messages).toEqual(conversation!.messages);
      expect(statSync(file).mode & 0o077).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('erase without --yes shows what it would erase and changes nothing', async () => {
    const dryRun = await cli('player-erase', '--player', player);
    expect(dryRun.status).toBe(0);
    expect(dryRun.stdout).toMatch(new RegExp(`^Would erase, for player ${player}, 1 conversation\\(s\\):\\n  ${key}  \\d+ message\\(s\\), ticket\\(s\\) T-\\w+ \\(resolved\\), 1 note\\(s\\)`));
    expect(dryRun.stdout).toContain('Nothing was changed. Run again with --yes to erase.');
    expect((await recorded()).status).toBe(200);
    expect(await gateway.redis.exists(`${prefix}conv:${key}`, `${prefix}conv:${key}:log`, `${prefix}ticket:${ticketId}`, `${prefix}bull:handoff:${ticketId}`)).toBe(4);
    expect((await cli('player-export', '--player', player)).status).toBe(0);
  });

  it('refuses to erase a conversation whose ticket is still open, naming the ticket', async () => {
    const { token, conversationId } = await createSession(gateway.url, { locale: 'en' });
    const ticketId = (await postMessage(gateway.url, token, { text: 'I want to talk to a human agent' })).body.replies[0]!.handoff!.ticketId!;

    const refused = await cli('player-erase', '--conversation', conversationId, '--yes');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`Ticket ${ticketId} of ${conversationId} is still open (queued): an agent must resolve it before the player's data can be erased.`);
    expect(await gateway.redis.hget(`${prefix}ticket:${ticketId}`, 'status')).toBe('queued');
    expect(await gateway.redis.exists(`${prefix}conv:${conversationId}`)).toBe(1);
    // The dry run refuses the same way: the operator learns it before planning the erasure.
    expect((await cli('player-erase', '--conversation', conversationId)).stderr).toContain(`Ticket ${ticketId}`);
  });

  it('erases the player from the record and Redis, audited without content; search and export find nothing after', async () => {
    // A screenshot the player sent: its file goes with the rest.
    telegram.files.set('erase-me', Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    const photo = textUpdate(Number(player), '', { photo: [{ file_id: 'erase-me', width: 1, height: 1 }] });
    delete (photo.message as { text?: string }).text;
    const answersBefore = telegram.sent(Number(player)).length;
    await postUpdate(gateway.url, photo);
    await expect.poll(() => telegram.sent(Number(player)).length).toBeGreaterThan(answersBefore);
    const [fileKey] = await liveKeysNaming('attachment:');
    const fileId = fileKey!.split(':').at(-1)!;
    expect(readdirSync(join(filesDir, 'attachments'))).toContain(fileId);

    const erased = await cli('player-erase', '--player', player, '--yes');
    expect(erased.stderr).toBe('');
    expect(erased.status).toBe(0);
    expect(erased.stdout).toMatch(new RegExp(`^Erased, for player ${player}, 1 conversation\\(s\\): \\d+ message\\(s\\), 1 ticket\\(s\\), \\d+ ticket event\\(s\\), 1 note\\(s\\), 1 file\\(s\\)`));
    expect(readdirSync(join(filesDir, 'attachments'))).not.toContain(fileId);
    expect(await gateway.redis.exists(fileKey!)).toBe(0);

    const schema = schemaFor(prefix);
    const [rows] = await query<{ conversations: number; messages: number; tickets: number }>(
      `SELECT (SELECT count(*)::int FROM "${schema}".conversations WHERE chat_id = $1) AS conversations,
              (SELECT count(*)::int FROM "${schema}".messages WHERE conversation_key = $2) AS messages,
              (SELECT count(*)::int FROM "${schema}".tickets WHERE conversation_key = $2) AS tickets`,
      [player, key],
    );
    expect(rows).toEqual({ conversations: 0, messages: 0, tickets: 0 });
    const audit = await query(`SELECT * FROM "${schema}".erasures`);
    expect(audit).toEqual([expect.objectContaining({ conversation_key_hashes: [conversationKeyHash(key)], conversations: 1, tickets: 1, notes: 1 })]);
    expect(JSON.stringify(audit)).not.toContain(player);
    expect(await liveKeysNaming(player)).toEqual([]);
    // Its ticket, notes and the ticket's BullMQ job (facts and summary) went too.
    expect(await gateway.redis.exists(`${prefix}ticket:${ticketId}`, `${prefix}ticket:${ticketId}:notes`, `${prefix}bull:handoff:${ticketId}`)).toBe(0);

    // A later conversation is recorded and found: the drain ran since, and brought nothing of the erased one back.
    const { token, conversationId } = await createSession(gateway.url, { locale: 'en' });
    await postMessage(gateway.url, token, { text: 'Do you accept Skrill deposits?' });
    await expect.poll(() => found('Skrill'), { timeout: 15_000 }).toContain(conversationId);
    expect(await found('Visa')).not.toContain(key);
    expect((await recorded()).status).toBe(404);

    const none = await cli('player-export', '--player', player);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(`Found nothing for player ${player} in the system of record or in Redis.`);
  });

  it('explains itself with --help and answers a call without whose data with the usage', async () => {
    const mistakes = [[], ['--player', '1', '--conversation', 'telegram:1'], ['--conversation', 'nowhere:1']];
    const [help, ...answers] = await Promise.all([cli('player-erase', '--help'), ...mistakes.map((args) => cli('player-export', ...args))]);
    expect(help!.stdout).toMatch(/^usage: npm run player:erase -- --player ID \| --conversation KEY \[--yes\]/);
    for (const wrong of answers) {
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toContain('give either --player ID or --conversation KEY');
      expect(wrong.stderr).toContain('usage: npm run player:export');
    }
  });
});

describe('data-protection requests on the embedded PGlite', () => {
  const prefix = uniquePrefix('player-pglite');
  const dataDir = mkdtempSync(join(tmpdir(), 'pitboss-player-'));
  const pglite = { DATABASE_URL: '', DATA_DIR: dataDir };
  const env = { NODE_ENV: 'test', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, ...pglite };
  const cli = (script: string, ...args: string[]) => runCli(script, args, env);
  let gateway: TestApp | undefined;

  afterAll(async () => {
    await gateway?.close();
    await deleteKeys(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is refused while the gateway has the database open, then exports and erases what only Redis held', async () => {
    // The drain never runs here: what the player says stays in Redis and its outbox only.
    gateway = await startTestApp({ prefix, env: { ...pglite, RECORD_DRAIN_MS: '60000' } });
    const { token, conversationId } = await createSession(gateway.url, { locale: 'en', name: 'Quokka' });
    await postMessage(gateway.url, token, { text: 'My favourite animal is the quokka, how do free spins work?' });

    const refused = await cli('player-export', '--conversation', conversationId);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/open in another process \(pid \d+ on .+\), most likely the gateway: PGlite cannot be shared\. Stop the gateway and run this again, or use PostgreSQL \(DATABASE_URL\)/);
    await gateway.close();
    gateway = undefined;

    const exported = await cli('player-export', '--conversation', conversationId);
    expect(exported.status).toBe(0);
    const [conversation] = (JSON.parse(exported.stdout) as Exported).conversations;
    expect(conversation!.messages).toContainEqual(expect.objectContaining({ from: 'player', text: 'My favourite animal is the quokka, how do free spins work?' }));

    const erased = await cli('player-erase', '--conversation', conversationId, '--yes');
    expect(erased.status).toBe(0);
    const redis = await testConnections('player-pglite');
    try {
      expect(await redis.command.exists(`${prefix}conv:${conversationId}`, `${prefix}conv:${conversationId}:log`)).toBe(0);
      expect(JSON.stringify(await redis.command.xrange(`${prefix}record:outbox`, '-', '+'))).not.toContain(conversationId);
    } finally {
      redis.closeAll();
    }

    // Nothing of it is left for a drain to copy later, and nothing anywhere to export.
    const none = await cli('player-export', '--conversation', conversationId);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(`Found nothing for conversation ${conversationId} in the system of record or in Redis.`);
    // A bound, not an expectation: a gateway and four commands each open the embedded database.
  }, 180_000);
});

describe('a copy a drain had in hand when its conversation was erased', () => {
  const prefix = uniquePrefix('player-drain');
  let database: RecordDatabase;
  let connections: Awaited<ReturnType<typeof testConnections>>;

  beforeAll(async () => {
    database = await openRecordDatabase({ schema: 'public', dataDir: IN_MEMORY, onConnectionError: () => undefined });
    connections = await testConnections('player-drain');
  });
  afterAll(async () => {
    connections.closeAll();
    await database.close();
    await deleteKeys(prefix);
  });

  it('is deleted again by the drain, while what the player writes after the erasure is kept', async () => {
    const redis = connections.command;
    const keys = { conversation: conversationKeys(prefix), state: stateKeys(prefix) };
    const store = new ConversationStore(redis, keys.conversation);
    const drain = new RecordDrain({
      redis,
      keys: keys.state,
      articleVersionKey: (id, hash) => `${prefix}kb-version:${id}:${hash}`,
      writer: new RecordWriter(database.db),
      playerData: new RecordPlayerData(database.db),
      logger: pino({ level: 'silent' }),
      everyMs: 60_000,
      consumer: 'test',
    });
    await drain.start();
    const key = 'telegram:4242';
    const { conversation } = await store.ensure({ channel: 'telegram', chatId: '4242', locale: 'en' });
    await store.append(conversation.key, { from: 'player', text: 'written before the erasure', locale: 'en' });
    // The erasure runs while that entry is (as far as it can tell) in a drain's hands: only its tombstone is left.
    await new LiveConversationData(redis, keys).erase([], [key], []);
    await store.ensure({ channel: 'telegram', chatId: '4242', locale: 'en' });
    await store.append(key, { from: 'player', text: 'written after the erasure', locale: 'en' });

    await drain.drain();
    await drain.stop();
    const [kept] = await new RecordPlayerData(database.db).read([key]);
    expect(kept?.messages.map((message) => message.text)).toEqual(['written after the erasure']);
  });
});
