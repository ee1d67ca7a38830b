import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { BrowserAssets } from './browser-assets.js';
import { bundleBrowserAsset } from './browser-bundle.js';
import { ASSET_NAMES, type AssetName, assetContentType, BROWSER_ENTRIES } from './browser-entries.js';

/** The sources, whether this file runs from src/http/ or from a dist/http/ built without its assets. */
const SOURCES = new URL('../../src/', import.meta.url);

/** Every asset bundled from the sources in memory at start, served at its plain name (`/chat.js`) and revalidated on each load. */
export async function bundledAssets(): Promise<BrowserAssets> {
  const texts = new Map<AssetName, string>(
    await Promise.all(ASSET_NAMES.map(async (name) => [name, await bundleBrowserAsset(fileURLToPath(new URL(BROWSER_ENTRIES[name], SOURCES)))] as const)),
  );
  return {
    url: (name) => `/${name}`,
    text: async (name) => texts.get(name)!,
    async routes(app: FastifyInstance) {
      for (const [name, text] of texts) {
        app.get(`/${name}`, async (_request, reply) => reply.type(assetContentType(name)).header('cache-control', 'no-cache').send(text));
      }
    },
  };
}
