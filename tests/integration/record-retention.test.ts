import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { IN_MEMORY, openRecordDatabase, type RecordDatabase } from '../../src/record/database.js';
import { RecordRetention } from '../../src/record/retention.js';
import { RecordWriter } from '../../src/record/writer.js';
import { dropSchema, schemaFor, TEST_DATABASE_URL } from '../helpers/database.js';
import { uniquePrefix } from '../helpers/redis.js';

/** Players' data protection: what is older than RETENTION_DAYS leaves the system of record, whole. */
const schema = schemaFor(uniquePrefix('retention'));
const opened: RecordDatabase[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
  await dropSchema(schema);
});

const backends = [
  { name: 'PostgreSQL', open: () => openRecordDatabase({ databaseUrl: TEST_DATABASE_URL, schema, dataDir: '', onConnectionError: () => undefined }) },
  { name: 'embedded PGlite', open: () => openRecordDatabase({ schema: 'public', dataDir: IN_MEMORY, onConnectionError: () => undefined }) },
];

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();

describe.each(backends)('retention on $name', ({ open }) => {
  it('deletes a conversation last active before RETENTION_DAYS with its messages, tickets and notes, and keeps a recent one', async () => {
    const database = await open();
    opened.push(database);
    const writer = new RecordWriter(database.db);
    for (const [key, ticketId, at] of [
      ['webchat:old', 'T-OLD2', daysAgo(1900)],
      ['webchat:recent', 'T-NEW2', daysAgo(3)],
    ] as const) {
      await writer.conversation({ key, channel: 'webchat', chatId: key.slice(8), locale: 'en', createdAt: at, updatedAt: at });
      await writer.message(key, { id: `${key}:m1`, seq: 1, from: 'player', text: 'I want my money back', locale: 'en', at }, 'en');
      await writer.ticket({ id: ticketId, conversationKey: key, channel: 'webchat', locale: 'en', reason: 'dispute', priority: 2, status: 'resolved', facts: {}, summary: '', createdAt: at, version: 3 });
    }
    await writer.note({ id: 'n1', ticketId: 'T-OLD2', agentId: 'a', agentName: 'Anna', text: 'refund refused', at: daysAgo(1900) });

    expect(await new RecordRetention(database.db, 1825, pino({ level: 'silent' })).sweep()).toBe(1);
    const left = async (table: string) => ((await database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
    expect(await left('conversations')).toBe(1);
    expect(await left('messages')).toBe(1);
    expect(await left('tickets')).toBe(1);
    expect(await left('notes')).toBe(0);
  });
});
