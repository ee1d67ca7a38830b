import { AppError } from '../errors.js';
import { readAssetManifest } from './asset-manifest.js';
import type { BrowserAssets } from './browser-assets.js';
import { builtAssets } from './built-assets.js';

export class BrowserAssetsUnavailableError extends AppError {
  constructor(cause: string) {
    super(
      'browser_assets_unavailable',
      `This build has no browser assets, and bundling them now failed (${cause}). Run \`npm run build\` (with dev dependencies installed) before \`node dist/main.js\`.`,
    );
  }
}

/**
 * The files `npm run build` wrote, when this code runs from such a build; otherwise (`npm start`, the
 * tests) the sources bundled in memory now. The bundler loads only then, so a build runs without esbuild.
 */
export async function loadBrowserAssets(): Promise<BrowserAssets> {
  // dist/ in a build; src/ when run from the sources, which never holds a manifest.
  const buildDir = new URL('../', import.meta.url);
  const manifest = await readAssetManifest(buildDir);
  if (manifest) return builtAssets(buildDir, manifest);
  let bundled: typeof import('./bundled-assets.js');
  try {
    bundled = await import('./bundled-assets.js');
  } catch (error) {
    throw new BrowserAssetsUnavailableError(error instanceof Error ? error.message : String(error));
  }
  return bundled.bundledAssets();
}
