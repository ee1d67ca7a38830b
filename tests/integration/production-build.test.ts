import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

/** `npm run build` into a release folder of its own, then `node dist/main.js` with the production dependencies only. */
const run = promisify(execFile);
const repo = process.cwd();
const prefix = uniquePrefix('build');
const release = mkdtempSync(join(tmpdir(), 'pitboss-release-'));
const IMMUTABLE = 'public, max-age=31536000, immutable';

let gateway: ChildProcess | undefined;
let output = '';
let url = '';
let browser: Browser | undefined;

/** What `npm ci --omit=dev` leaves: every installed package but the devDependencies (esbuild and tsx among them). */
function installProductionDependencies(): void {
  const { devDependencies } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const modules = join(repo, 'node_modules');
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((name) => `${entry}/${name}`) : [entry];
    for (const name of names) {
      if (name in devDependencies) continue;
      mkdirSync(dirname(join(release, 'node_modules', name)), { recursive: true });
      symlinkSync(join(modules, name), join(release, 'node_modules', name));
    }
  }
  copyFileSync(join(repo, 'package.json'), join(release, 'package.json'));
}

const secret = () => randomBytes(32).toString('hex');

/** Resolves once the gateway says it is up; rejects with what it printed if it exits first. */
function started(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Pitboss is up')) resolve();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => reject(new Error(`node dist/main.js exited with ${code}:\n${output}`)));
  });
}

beforeAll(async () => {
  installProductionDependencies();
  await run(join(repo, 'node_modules/.bin/tsx'), ['src/cli/build.ts', '--out-dir', join(release, 'dist')], { cwd: repo });
  gateway = spawn(process.execPath, [join(release, 'dist/main.js')], {
    cwd: release,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      KNOWLEDGE_DIR: join(repo, 'knowledge'),
      PROMPTS_DIR: join(repo, 'prompts'),
      WEBCHAT_TOKEN_SECRET: secret(),
      AGENT_TOKEN_SECRET: secret(),
      METRICS_TOKEN: secret(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await started(gateway);
  url = `http://127.0.0.1:${/Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]}`;
}, 120_000); // tsc over the whole gateway, then a start

afterAll(async () => {
  await browser?.close();
  if (gateway && gateway.exitCode === null) {
    gateway.kill('SIGTERM');
    await once(gateway, 'exit');
  }
  rmSync(release, { recursive: true, force: true });
  await deleteKeys(prefix);
});

/** The address of the one asset the page links to with `attribute="/assets/<base>-<hash>.<extension>"`. */
function assetLink(html: string, attribute: 'src' | 'href', base: string, extension: string): string {
  const link = new RegExp(`${attribute}="(/assets/${base}-[0-9a-f]{12}\\.${extension})"`).exec(html)?.[1];
  expect(link, `${attribute}="/assets/${base}-<hash>.${extension}" in the page`).toBeDefined();
  return link!;
}

async function expectImmutable(path: string, contentType: RegExp): Promise<string> {
  const response = await fetch(`${url}${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(contentType);
  expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
  return response.text();
}

describe('the production build (npm run build, then node dist/main.js)', () => {
  it('starts with the production dependencies only: no esbuild, no tsx', () => {
    const resolveFromRelease = createRequire(join(release, 'dist/main.js')).resolve;
    expect(() => resolveFromRelease('esbuild')).toThrow();
    expect(() => resolveFromRelease('tsx')).toThrow();
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('links the chat page to its script and stylesheet by content hash, each cached for good', async () => {
    const page = await fetch(`${url}/chat`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(await expectImmutable(assetLink(html, 'src', 'chat', 'js'), /javascript/)).toContain('/api/webchat/messages');
    expect(await expectImmutable(assetLink(html, 'href', 'chat', 'css'), /text\/css/)).toContain('.chat');
  });

  it('does the same for the agent console and the help center', async () => {
    const agent = await fetch(`${url}/agent`);
    expect(agent.status).toBe(200);
    expect(agent.headers.get('cache-control')).toBe('no-cache');
    const agentHtml = await agent.text();
    expect(await expectImmutable(assetLink(agentHtml, 'src', 'agent', 'js'), /javascript/)).toContain('/api/agent/login');
    await expectImmutable(assetLink(agentHtml, 'href', 'agent', 'css'), /text\/css/);

    const help = await fetch(`${url}/help/en`);
    expect(help.status).toBe(200);
    expect(help.headers.get('cache-control')).toBe('no-cache');
    await expectImmutable(assetLink(await help.text(), 'href', 'help', 'css'), /text\/css/);
  });

  it('keeps /widget.js at its address for operators, cached for five minutes', async () => {
    const widget = await fetch(`${url}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect(widget.headers.get('cache-control')).toBe('public, max-age=300');
    expect(widget.headers.get('access-control-allow-origin')).toBe('*');
    expect(await widget.text()).toContain('/chat');
  });

  it('runs the chat in a browser under the page’s content security policy', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${url}/chat`);
    await expect.poll(() => page.locator('#connection').textContent()).toBe('Online');
    expect(await page.locator('.msg--bot').first().textContent()).toContain('Demo Casino assistant');
    // The stylesheet applied: the composer's label is visually hidden.
    expect(await page.locator('label[for="text"]').evaluate((label) => getComputedStyle(label).position)).toBe('absolute');
    expect(refused).toEqual([]);
  });
});
