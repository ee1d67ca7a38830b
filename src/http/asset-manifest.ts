import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { ASSET_NAMES } from './browser-entries.js';

/** What `npm run build` writes into its output directory: the hashed files in PUBLIC_DIR, the manifest beside it (not served). */
export const PUBLIC_DIR = 'public';
export const MANIFEST_FILE = 'asset-manifest.json';

/** Logical name → file name in PUBLIC_DIR with a hash of its content: `chat.js` → `chat-3f2a1b9c04de.js`. */
const AssetManifest = z.record(z.enum(ASSET_NAMES), z.string().regex(/^[\w-]+\.(?:js|css)$/, 'must be a plain .js or .css file name'));
export type AssetManifest = z.infer<typeof AssetManifest>;

export class AssetManifestError extends AppError {
  constructor(path: string, problem: string) {
    super('asset_manifest_invalid', `The browser asset manifest ${path} ${problem}; run \`npm run build\` again.`);
  }
}

/** The manifest of the build in `buildDir`, or undefined when there is none (running from the sources). */
export async function readAssetManifest(buildDir: URL): Promise<AssetManifest | undefined> {
  const file = new URL(MANIFEST_FILE, buildDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AssetManifestError(fileURLToPath(file), 'is not JSON');
  }
  const parsed = AssetManifest.safeParse(json);
  if (!parsed.success) throw new AssetManifestError(fileURLToPath(file), `is not one the build wrote (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  return parsed.data;
}
