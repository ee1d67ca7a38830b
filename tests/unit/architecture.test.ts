import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/** The dependency rules of .dependency-cruiser.cjs, run by dependency-cruiser as `npm run lint:deps` does. */
const run = promisify(execFile);
const repo = process.cwd();
const planted = mkdtempSync(join(tmpdir(), 'pitboss-layers-'));

interface Report {
  summary: { violations: Array<{ from: string; to: string; rule: { name: string } }> };
}

async function cruise(cwd: string): Promise<Report['summary']['violations']> {
  const { stdout } = await run(join(repo, 'node_modules/.bin/depcruise'), ['src', '--config', join(repo, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd, maxBuffer: 64 * 1024 * 1024 }).catch(
    // depcruise exits non-zero when it finds violations; its report is still on stdout.
    (error: { stdout: string }) => ({ stdout: error.stdout }),
  );
  return (JSON.parse(stdout) as Report).summary.violations;
}

afterAll(() => rmSync(planted, { recursive: true, force: true }));

describe('layering', () => {
  it('holds for the code as it is: no cycles, and every import goes down a layer', async () => {
    const violations = await cruise(repo);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);

  it('fails on a planted wrong import: handoff calling the bot, core reaching up, a cycle, botbuilder outside the bot', async () => {
    cpSync(join(repo, 'src'), join(planted, 'src'), { recursive: true });
    cpSync(join(repo, 'tsconfig.json'), join(planted, 'tsconfig.json'));
    symlinkSync(join(repo, 'node_modules'), join(planted, 'node_modules'));
    writeFileSync(join(planted, 'src/handoff/planted.ts'), "import { SupportBot } from '../bot/support-bot.js';\nexport const planted = SupportBot;\n");
    writeFileSync(join(planted, 'src/core/planted.ts'), "import { ConversationStore } from '../conversation/store.js';\nexport const planted = ConversationStore;\n");
    writeFileSync(join(planted, 'src/pipeline/planted.ts'), "import type { Activity } from 'botbuilder';\nexport type Planted = Activity;\n");
    writeFileSync(join(planted, 'src/knowledge/planted-a.ts'), "import { b } from './planted-b.js';\nexport const a = () => b;\n");
    writeFileSync(join(planted, 'src/knowledge/planted-b.ts'), "import { a } from './planted-a.js';\nexport const b = () => a;\n");
    const broken = (await cruise(planted)).map((v) => `${v.rule.name}: ${v.from}`);
    expect(broken).toEqual(
      expect.arrayContaining([
        'handoff-never-imports-bot: src/handoff/planted.ts',
        'core-is-the-bottom: src/core/planted.ts',
        'no-circular: src/knowledge/planted-a.ts',
        'botbuilder-stays-in-bot: src/pipeline/planted.ts',
      ]),
    );
  }, 60_000);
});
