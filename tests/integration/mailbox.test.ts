import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { channelKeys } from '../../src/channels/keys.js';
import { KeyedMailbox } from '../../src/channels/mailbox.js';
import { deleteKeys, testConnections, uniquePrefix } from '../helpers/redis.js';

/** The durable per-conversation mailbox on a real Redis, as the messengers' inbound and outbound use it. */
const prefix = uniquePrefix('mailbox');
const mailboxes: Array<KeyedMailbox<string>> = [];
const connections = await testConnections('mailbox-test');

function mailbox(handle: (key: string, item: string) => Promise<void>, name = 'test') {
  const box = new KeyedMailbox<string>({ name, connections, keys: channelKeys(prefix), handle, lockMs: 1000, concurrency: 4, logger: pino({ level: 'silent' }) });
  mailboxes.push(box);
  return box;
}

afterAll(async () => {
  for (const box of mailboxes) await box.close();
  connections.closeAll();
  await deleteKeys(prefix);
});

describe('keyed mailbox', () => {
  it('handles the items of one key in the order they were pushed, one at a time, and keys side by side', async () => {
    const handled: string[] = [];
    let inKey = 0;
    let most = 0;
    let keysAtOnce = 0;
    const running = new Set<string>();
    const box = mailbox(async (key, item) => {
      running.add(key);
      keysAtOnce = Math.max(keysAtOnce, running.size);
      if (key === 'a') most = Math.max(most, ++inKey);
      await new Promise((resolve) => setTimeout(resolve, 15));
      if (key === 'a') inKey--;
      running.delete(key);
      handled.push(`${key}${item}`);
    }, 'order');
    for (let n = 1; n <= 6; n++) {
      await box.push('a', String(n));
      await box.push('b', String(n));
    }
    await expect.poll(() => handled.length, { timeout: 10_000 }).toBe(12);
    expect(handled.filter((h) => h.startsWith('a'))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    expect(handled.filter((h) => h.startsWith('b'))).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6']);
    expect(most).toBe(1);
    expect(keysAtOnce).toBe(2);
  });

  it('keeps a failing item at the head of its key and retries it, holding up only that key', async () => {
    const handled: string[] = [];
    let failures = 2;
    const box = mailbox(async (key, item) => {
      if (key === 'stuck' && item === 'first' && failures > 0) {
        failures--;
        throw new Error('messenger is down');
      }
      handled.push(`${key}:${item}`);
    }, 'retry');
    await box.push('stuck', 'first');
    await box.push('stuck', 'second');
    await box.push('free', 'other');
    await expect.poll(() => handled, { timeout: 15_000 }).toEqual(expect.arrayContaining(['free:other', 'stuck:first', 'stuck:second']));
    expect(handled.indexOf('free:other')).toBeLessThan(handled.indexOf('stuck:first'));
    expect(handled.filter((h) => h.startsWith('stuck'))).toEqual(['stuck:first', 'stuck:second']);
    expect(failures).toBe(0);
  });
});
