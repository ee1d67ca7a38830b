import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { triageMessage } from '../../src/bot/triage/triage.js';
import { ConfigError } from '../../src/errors.js';
import { BreakerOpenError, CircuitBreaker } from '../../src/llm/breaker.js';
import { PromptLibrary } from '../../src/llm/prompts.js';
import { redact } from '../../src/llm/redact.js';
import { combineTriage } from '../../src/llm/triage-classifier.js';

const noFacts = { amount: null, reference: null, when: null, game: null };

describe('redaction before the model', () => {
  it('removes card numbers (raw or masked), e-mails and phone numbers, and keeps the rest', () => {
    expect(redact('card 4111 1111 1111 1111, masked 411111******1111, mail a.b@mail.example, call +994 50 123 45 67, round 88AB12CD')).toBe(
      'card [card number], masked [card number], mail [e-mail], call [phone number], round 88AB12CD',
    );
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, refuses calls while open, and closes after a good trial', async () => {
    let now = 0;
    const breaker = new CircuitBreaker(2, 1000, () => now);
    const fail = () => Promise.reject(new Error('down'));
    await expect(breaker.run(fail)).rejects.toThrow('down');
    await expect(breaker.run(fail)).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    let called = false;
    await expect(breaker.run(async () => (called = true))).rejects.toBeInstanceOf(BreakerOpenError);
    expect(called).toBe(false);
    now = 1500;
    expect(breaker.state).toBe('half-open');
    await expect(breaker.run(async () => 'ok')).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });
});

describe('combining offline and model triage', () => {
  it('lets the model add a reason the patterns missed', () => {
    expect(combineTriage(triageMessage('any news on the 200 from monday'), { reason: 'account_specific', confidence: 0.9, language: 'en', facts: { ...noFacts, amount: '200' } })).toMatchObject({
      reason: 'account_specific',
      facts: { amount: '200' },
    });
  });

  it('ignores an unsure model, and never drops what the offline rules found', () => {
    expect(combineTriage(triageMessage('any news?'), { reason: 'dispute', confidence: 0.4, language: 'en', facts: noFacts }).reason).toBeUndefined();
    expect(combineTriage(triageMessage('this casino is a scam'), { reason: 'none', confidence: 1, language: 'en', facts: noFacts }).reason).toBe('dispute');
    expect(combineTriage(triageMessage('this casino is a scam'), { reason: 'responsible_gambling', confidence: 0.9, language: 'en', facts: noFacts }).reason).toBe('responsible_gambling');
  });
});

describe('prompts', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function copyPrompts(): string {
    const dir = mkdtempSync(join(tmpdir(), 'pitboss-prompts-'));
    dirs.push(dir);
    for (const name of ['answer', 'triage', 'summary', 'draft']) writeFileSync(join(dir, `${name}.md`), readFileSync(`prompts/${name}.md`));
    return dir;
  }

  it('refuses to start with a prompt that lacks a placeholder or uses an unknown one', async () => {
    const dir = copyPrompts();
    writeFileSync(join(dir, 'answer.md'), 'Answer in {language}: {question} {colour}');
    await expect(PromptLibrary.open(dir, pino({ level: 'silent' }), { watch: false })).rejects.toThrow(ConfigError);
    await expect(PromptLibrary.open(dir, pino({ level: 'silent' }), { watch: false })).rejects.toThrow(/missing placeholder \{sections\}[\s\S]*unknown placeholder \{colour\}/);
  });

  it('fills placeholders, reloads an edit, and keeps the last good prompt when an edit is broken', async () => {
    const dir = copyPrompts();
    const library = await PromptLibrary.open(dir, pino({ level: 'silent' }));
    try {
      expect(library.render('summary', { transcript: 'T', facts: 'F' })).toContain('Transcript (oldest first):\nT');
      writeFileSync(join(dir, 'summary.md'), 'Short summary of {transcript} with {facts}.');
      await expect.poll(() => library.render('summary', { transcript: 'T', facts: 'F' }), { timeout: 2000 }).toBe('Short summary of T with F.');
      writeFileSync(join(dir, 'summary.md'), 'Broken: {transcript} only.');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(library.render('summary', { transcript: 'T', facts: 'F' })).toBe('Short summary of T with F.');
    } finally {
      await library.close();
    }
  });
});
