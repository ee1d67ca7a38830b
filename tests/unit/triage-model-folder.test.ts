import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { TriageModelFolder } from '../../src/bot/triage/model-folder.js';
import { TriageScorer } from '../../src/bot/triage/scorer.js';
import { ignoredWords, labelledExamples, restoreTriage, savedWeights, trainTriage } from '../../src/bot/triage/training.js';
import { runToEnd } from '../../src/knowledge/training-steps.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadAllTriageExamples } from '../../src/knowledge/triage-content.js';

const dir = mkdtempSync(join(tmpdir(), 'pitboss-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A part of the shipped content, so training takes a moment here: every reason in every language.
const { articles } = await loadKnowledge('knowledge');
const files = (await loadAllTriageExamples('knowledge')).examples.map((file) => ({
  ...file,
  reasons: Object.fromEntries(Object.entries(file.reasons).map(([reason, texts]) => [reason, texts?.slice(0, 30)])),
  none: file.none.slice(0, 40),
}));
const examples = labelledExamples(files, articles.slice(0, 10));
const ignored = ignoredWords(files);
const trained = runToEnd(trainTriage(examples, ignored));

const messages = [
  'You cancelled my winnings after I won, I want to file a complaint',
  'Я не могу остановиться, проиграл всю зарплату',
  'Depozit etdim amma balansa gəlmədi',
  'how do free spins work',
  'позовите оператора',
];

function logLines(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }), lines };
}

describe('trained triage classifiers kept across restarts', () => {
  it('reads a saved model back that judges every message exactly as the one trained', () => {
    const folder = new TriageModelFolder(dir, pino({ level: 'silent' }), 'code-1');
    folder.save('content-1', savedWeights(trained));
    const saved = folder.load('content-1');
    expect(saved).toBeDefined();
    const restored = restoreTriage(examples, ignored, saved!);
    const before = new TriageScorer(trained);
    const after = new TriageScorer(restored);
    for (const text of messages) expect([...after.read(text).probabilities], text).toEqual([...before.read(text).probabilities]);
    expect(restored.lookAlikes.nearest(messages[3]!)).toEqual(trained.lookAlikes.nearest(messages[3]!));
  });

  it('finds nothing for other content or other code, and keeps only the latest model', () => {
    const folder = new TriageModelFolder(dir, pino({ level: 'silent' }), 'code-1');
    folder.save('content-1', savedWeights(trained));
    expect(folder.load('content-2')).toBeUndefined();
    expect(new TriageModelFolder(dir, pino({ level: 'silent' }), 'code-2').load('content-1')).toBeUndefined();
    folder.save('content-2', savedWeights(trained));
    expect(readdirSync(dir)).toHaveLength(1);
    expect(folder.load('content-1')).toBeUndefined();
    expect(folder.load('content-2')).toBeDefined();
  });

  it('ignores a damaged file with a warning, so the gateway trains instead of starting on half a model', () => {
    const { logger, lines } = logLines();
    const folder = new TriageModelFolder(dir, logger, 'code-1');
    folder.save('content-3', savedWeights(trained));
    const [file] = readdirSync(dir);
    const bytes = readFileSync(join(dir, file!));
    writeFileSync(join(dir, file!), bytes.subarray(0, bytes.length - 100));
    expect(folder.load('content-3')).toBeUndefined();
    expect(lines.join('')).toContain('a saved triage classifier could not be read; training a new one');
  });

  it('still trains when the folder cannot be written, with a warning and no crash', () => {
    const { logger, lines } = logLines();
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    new TriageModelFolder(join(blocked, 'models'), logger, 'code-1').save('content-1', savedWeights(trained));
    expect(lines.join('')).toContain('the trained triage classifier could not be saved; the next start trains again');
  });
});
