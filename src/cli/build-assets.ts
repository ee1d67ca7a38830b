import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { type AssetManifest, MANIFEST_FILE, PUBLIC_DIR } from '../http/asset-manifest.js';
import { bundleBrowserAsset } from '../http/browser-bundle.js';
import { ASSET_NAMES, BROWSER_ENTRIES } from '../http/browser-entries.js';

/** `chat.js` → `chat-<first 12 hex digits of the content's SHA-256>.js`. */
function hashedName(name: string, content: string): string {
  const extension = extname(name);
  return `${basename(name, extension)}-${createHash('sha256').update(content).digest('hex').slice(0, 12)}${extension}`;
}

/** Bundles every browser entry of `sourceDir` into `outDir/public/` under content-hashed names, and writes the manifest naming them. */
export async function buildBrowserAssets(sourceDir: string, outDir: string): Promise<AssetManifest> {
  const publicDir = join(outDir, PUBLIC_DIR);
  const manifestFile = join(outDir, MANIFEST_FILE);
  // The manifest goes first and comes back last: a build that fails halfway leaves none that names missing files.
  await rm(manifestFile, { force: true });
  await rm(publicDir, { recursive: true, force: true });
  await mkdir(publicDir, { recursive: true });
  const written = await Promise.all(
    ASSET_NAMES.map(async (name) => {
      const content = await bundleBrowserAsset(join(sourceDir, BROWSER_ENTRIES[name]));
      const file = hashedName(name, content);
      await writeFile(join(publicDir, file), content);
      return [name, file] as const;
    }),
  );
  const manifest = Object.fromEntries(written) as AssetManifest;
  await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Copies the HTML pages (`chat.html`, `agent.html`) next to the compiled modules that read them at start. */
export async function copyPages(sourceDir: string, outDir: string): Promise<string[]> {
  const pages = (await readdir(sourceDir, { recursive: true })).filter((file) => file.endsWith('.html'));
  for (const page of pages) {
    await mkdir(dirname(join(outDir, page)), { recursive: true });
    await copyFile(join(sourceDir, page), join(outDir, page));
  }
  return pages;
}
