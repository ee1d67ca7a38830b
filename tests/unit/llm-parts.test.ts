import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { TriageResult } from '../../src/core/reasons.js';
import { ConfigError } from '../../src/errors.js';
import { BreakerOpenError, CircuitBreaker } from '../../src/breaker.js';
import { PromptLibrary } from '../../src/llm/prompts.js';
import { redact } from '../../src/llm/redact.js';
import { combineTriage } from '../../src/llm/triage-classifier.js';

const noFacts = { amount: null, reference: null, when: null, game: null };
/** What the offline classifier found. */
const offlineNone: TriageResult = { reason: undefined, signals: [] };
const offlineDispute: TriageResult = { reason: 'dispute', signals: ['dispute'] };

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
    const breaker = new CircuitBreaker('The language model', 2, 1000, () => now);
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
    const text = 'any news on the 200 from monday';
    expect(combineTriage(offlineNone, { reason: 'account_specific', confidence: 0.9, language: 'en', facts: { ...noFacts, amount: '200' } }, [text])).toMatchObject({
      reason: 'account_specific',
      facts: { amount: '200' },
    });
  });

  it('keeps only the facts the player wrote, never ones the model made up', () => {
    const text = 'the 200 I took out on Monday, any news?';
    const model = { reason: 'account_specific', confidence: 0.9, language: 'en', facts: { amount: '200 EUR', reference: 'TX-99871', when: 'Monday', game: 'Book of Demo' } } as const;
    expect(combineTriage(offlineNone, model, [text]).facts).toEqual({ amount: '200 EUR', when: 'Monday' });
    expect(combineTriage(offlineNone, model, [text, 'it was round TX-99871 of Book of Demo']).facts).toEqual(model.facts);
  });

  it('ignores an unsure model, and never drops what the offline rules found', () => {
    expect(combineTriage(offlineNone, { reason: 'dispute', confidence: 0.4, language: 'en', facts: noFacts }, []).reason).toBeUndefined();
    expect(combineTriage(offlineDispute, { reason: 'none', confidence: 1, language: 'en', facts: noFacts }, []).reason).toBe('dispute');
    expect(combineTriage(offlineDispute, { reason: 'responsible_gambling', confidence: 0.9, language: 'en', facts: noFacts }, []).reason).toBe('responsible_gambling');
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

  it('refuses a prompt that would splice player text into the system turn', async () => {
    const dir = copyPrompts();
    writeFileSync(join(dir, 'triage.md'), 'Classify this message: {message}');
    await expect(PromptLibrary.open(dir, pino({ level: 'silent' }), { watch: false })).rejects.toThrow(/prompts\/triage\.md: unknown placeholder \{message\}/);
  });

  it('fills placeholders, reloads an edit, and keeps the last good prompt when an edit is broken', async () => {
    const dir = copyPrompts();
    const logged: string[] = [];
    const library = await PromptLibrary.open(dir, pino({ level: 'error' }, { write: (line: string) => logged.push(line) }));
    try {
      expect(library.render('draft', { language: 'L', sections: 'S' })).toContain('Help-centre sections:\nS');
      writeFileSync(join(dir, 'draft.md'), 'Short draft in {language} from {sections}.');
      await expect.poll(() => library.render('draft', { language: 'L', sections: 'S' }), { timeout: 10_000 }).toBe('Short draft in L from S.');
      // Saved again until the watcher reports it: a save landing within the file system's timestamp
      // granularity of the previous one can look unchanged to the watcher (it compares modification times).
      await expect
        .poll(
          () => {
            writeFileSync(join(dir, 'draft.md'), 'Broken: {language} only.');
            return logged.join('');
          },
          { timeout: 10_000, interval: 500 },
        )
        .toMatch(/prompt edit rejected/);
      expect(library.render('draft', { language: 'L', sections: 'S' })).toBe('Short draft in L from S.');
    } finally {
      await library.close();
    }
  });
});
