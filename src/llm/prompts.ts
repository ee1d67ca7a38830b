import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import type { Logger } from 'pino';
import { ConfigError } from '../errors.js';

/**
 * Every prompt file and the placeholders it must use (and may only use). Prompts are the system
 * turn: what players and agents wrote never goes in here, only into the user turn as data.
 */
export const PROMPTS = {
  answer: ['language', 'sections'],
  triage: [],
  summary: [],
  draft: ['language', 'sections'],
} as const;
export type PromptName = keyof typeof PROMPTS;

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/** What is wrong with a prompt's placeholders, one line each; empty when it is fine. */
export function checkPrompt(name: PromptName, text: string): string[] {
  const used = new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));
  const expected: readonly string[] = PROMPTS[name];
  return [
    ...expected.filter((p) => !used.has(p)).map((p) => `prompts/${name}.md: missing placeholder {${p}}`),
    ...[...used].filter((p) => !expected.includes(p)).map((p) => `prompts/${name}.md: unknown placeholder {${p}} (allowed: ${expected.map((e) => `{${e}}`).join(', ')})`),
  ];
}

/** Prompts from `prompts/*.md`, checked at start (a bad one stops the start) and reloaded on change (a bad edit keeps the last good one). */
export class PromptLibrary {
  private readonly texts = new Map<PromptName, string>();
  private watcher: FSWatcher | undefined;

  private constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  static async open(dir: string, logger: Logger, options: { watch?: boolean } = {}): Promise<PromptLibrary> {
    const library = new PromptLibrary(dir, logger);
    const problems: string[] = [];
    for (const name of Object.keys(PROMPTS) as PromptName[]) {
      const text = await readFile(join(dir, `${name}.md`), 'utf8').catch(() => undefined);
      if (text === undefined) problems.push(`prompts/${name}.md: missing file`);
      else {
        const issues = checkPrompt(name, text);
        problems.push(...issues);
        if (issues.length === 0) library.texts.set(name, text);
      }
    }
    if (problems.length > 0) throw new ConfigError(problems);
    if (options.watch !== false) await library.watch();
    return library;
  }

  private async watch(): Promise<void> {
    this.watcher = watch(this.dir, { ignoreInitial: true, depth: 0 });
    this.watcher.on('all', (_event, path) => {
      const name = path.split('/').at(-1)?.replace(/\.md$/, '') as PromptName;
      if (!(name in PROMPTS)) return;
      void readFile(path, 'utf8')
        .then((text) => {
          const issues = checkPrompt(name, text);
          if (issues.length > 0) return this.logger.error({ prompt: name, issues }, 'prompt edit rejected; the last good version stays in use');
          this.texts.set(name, text);
          this.logger.info({ prompt: name }, 'prompt reloaded');
        })
        .catch(() => this.logger.error({ prompt: name }, 'prompt file unreadable; the last good version stays in use'));
    });
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
  }

  /** The prompt with its placeholders filled (values are inserted as they are, never re-parsed). */
  render<N extends PromptName>(name: N, values: Record<(typeof PROMPTS)[N][number], string>): string {
    const template = this.texts.get(name)!;
    return template.replace(PLACEHOLDER, (whole, key: string) => (key in values ? (values as Record<string, string>)[key]! : whole));
  }

  async close(): Promise<void> {
    await this.watcher?.close();
  }
}
