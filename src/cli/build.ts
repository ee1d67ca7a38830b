// `npm run build [-- --out-dir DIR]`: compiles the gateway with tsc into dist/ (or DIR) and bundles the
// browser assets once, so that `node dist/main.js` runs without TypeScript, tsx or esbuild.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../errors.js';
import { buildBrowserAssets, copyPages } from './build-assets.js';

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

async function build(): Promise<void> {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' } } });
  const outDir = resolve(values['out-dir']!);
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

build().catch((error: unknown) => {
  process.stderr.write(`\nbuild: ${error instanceof AppError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
