import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.js';
import { buildBrowserAssets, copyPages } from './build-assets.js';
import { runCli } from './command.js';

class BuildError extends AppError {
  constructor(message: string) {
    super('build_failed', message);
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const sources = join(root, 'src');

async function compile(outDir: string): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const child = spawn(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], { stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new BuildError(`tsc found errors (exit code ${code}); fix them and build again.`);
}

async function build(outDir: string): Promise<void> {
  await compile(outDir);
  const manifest = await buildBrowserAssets(sources, outDir);
  const pages = await copyPages(sources, outDir);
  // The system of record's SQL migrations, read at start.
  await cp(join(sources, 'record/migrations'), join(outDir, 'record/migrations'), { recursive: true });
  const near = relative(process.cwd(), outDir);
  const shown = near.startsWith('..') ? outDir : near || '.';
  console.log(`built ${shown}/ (the gateway, and the pages ${pages.join(', ')}); browser assets in ${shown}/public/:`);
  for (const [name, file] of Object.entries(manifest)) console.log(`  ${name} → ${file}`);
}

runCli({
  name: 'build',
  synopsis: '[--out-dir dist]',
  description: [
    'Compiles the gateway with tsc and bundles the browser assets once under content-hashed names, so that',
    '`node dist/main.js` (npm run start:prod) runs without TypeScript, tsx or esbuild.',
    '  --out-dir   where to build (default dist)',
  ].join('\n'),
  options: { 'out-dir': { type: 'string', default: 'dist' } },
  run: (values) => build(resolve(values['out-dir'])),
});
