import { build } from 'esbuild';

/**
 * Bundles a browser entry point into one minified file, in memory: a TypeScript entry into a script,
 * a `.css` entry into a stylesheet. The build (`npm run build`) and the gateway started from its
 * sources use this same function, so both serve the same bytes.
 */
export async function bundleBrowserAsset(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}
