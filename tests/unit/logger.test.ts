import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, type LogFormat } from '../../src/logger.js';

/** A logger writing to a pipe (not a terminal), and the text it wrote. */
function logTo(format?: LogFormat) {
  const destination = new PassThrough();
  let written = '';
  destination.on('data', (chunk) => (written += chunk));
  return { logger: createLogger('info', { destination, format }), written: () => written };
}

describe('createLogger', () => {
  it('writes JSON lines when not at a terminal, with credentials redacted', () => {
    const { logger, written } = logTo();
    logger.info({ login: { user: 'anna', password: 'hunter2' } }, 'agent logged in');
    const entry = JSON.parse(written().trim()) as { msg: string; login: { user: string; password: string } };
    expect(entry.msg).toBe('agent logged in');
    expect(entry.login).toEqual({ user: 'anna', password: '[redacted]' });
    expect(written()).not.toContain('hunter2');
  });

  it('writes readable lines in the pretty format, with credentials redacted too', async () => {
    const { logger, written } = logTo('pretty');
    logger.info({ login: { user: 'anna', password: 'hunter2' } }, 'agent logged in');
    await expect.poll(written).toContain('\n');
    const line = written().split('\n')[0]!;
    expect(line).toMatch(/INFO.*: agent logged in$/);
    expect(() => JSON.parse(line)).toThrow();
    expect(written()).toContain('[redacted]');
    expect(written()).not.toContain('hunter2');
  });
});
