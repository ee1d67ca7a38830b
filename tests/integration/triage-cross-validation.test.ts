import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { crossValidate } from '../../src/bot/triage/cross-validation.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadAllTriageExamples } from '../../src/knowledge/triage-content.js';
import { tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';

const kb = tempKnowledge(withdrawalArticles);
afterAll(() => kb.cleanup());

const { articles } = await loadKnowledge(kb.dir);
const english = (await loadAllTriageExamples(kb.dir)).examples.filter((file) => file.locale === 'en');

describe('kb:eval --triage: how well the triage examples teach', () => {
  it('prints, per reason, the share of unseen examples found and of plain messages handed off for it', async () => {
    const run = spawn(process.execPath, ['--import', 'tsx', 'src/cli/kb-eval.ts', '--triage', '--dir', kb.dir], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stdout.on('data', (chunk) => (output += chunk));
    run.stderr.on('data', (chunk) => (output += chunk));
    const [code] = await once(run, 'exit');
    expect(code, output).toBe(0);
    for (const reason of ['responsible_gambling', 'dispute', 'technical_failure', 'account_specific', 'requested']) {
      expect(output).toMatch(new RegExp(`^${reason} +0\\.\\d\\d +\\d+ +[01]\\.\\d{3} +0\\.\\d{3}$`, 'm'));
    }
    expect(output).toMatch(/^harm signals caught: \d+ of \d+ \(\d+ as a check-in\); crisis recognised: \d+ of \d+$/m);
    expect(output).toMatch(/^plain messages handed off: 0\.\d{3} of \d+$/m);
  }, 60_000);

  it('shows the damage when examples contradict each other: dispute messages also filed as plain ones', () => {
    const shipped = crossValidate(english, articles);
    const contradictory = english.map((file) => ({ ...file, none: [...file.none, ...(file.reasons.dispute ?? [])] }));
    const damaged = crossValidate(contradictory, articles);
    const disputeRecall = (result: typeof shipped) => result.reasons.find((r) => r.reason === 'dispute')!.recall;
    expect(disputeRecall(shipped)).toBeGreaterThan(0.3);
    expect(disputeRecall(damaged)).toBeLessThan(disputeRecall(shipped) / 2);
  }, 60_000);
});
