import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { type AssetManifest, PUBLIC_DIR } from './asset-manifest.js';
import type { BrowserAssets } from './browser-assets.js';

const PREFIX = '/assets/';
/** A file's name changes with its content, so a browser may keep it for good (a year, the customary "forever"). */
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** The content-hashed files of `npm run build`, served from disk under /assets/ with an immutable cache. */
export function builtAssets(buildDir: URL, manifest: AssetManifest): BrowserAssets {
  const publicDir = new URL(`${PUBLIC_DIR}/`, buildDir);
  return {
    url: (name) => `${PREFIX}${manifest[name]}`,
    text: (name) => readFile(new URL(manifest[name], publicDir), 'utf8'),
    async routes(app: FastifyInstance) {
      await app.register(fastifyStatic, {
        root: fileURLToPath(publicDir),
        prefix: PREFIX,
        decorateReply: false,
        // A route per built file, listed at start: anything else under /assets/ is a plain 404.
        wildcard: false,
        index: false,
        maxAge: ONE_YEAR_MS,
        immutable: true,
      });
    },
  };
}
