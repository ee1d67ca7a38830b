import type { FastifyInstance } from 'fastify';
import { type AssetName, isAssetName } from './browser-entries.js';

/**
 * Where the scripts and stylesheets the pages load come from, and at which address each is served:
 * the files of `npm run build` (built-assets.ts) or the sources bundled at start (bundled-assets.ts).
 */
export interface BrowserAssets {
  /** The address pages link to. */
  url(name: AssetName): string;
  /** The file's content, for a route that serves it at an address of its own (`/widget.js`). */
  text(name: AssetName): Promise<string>;
  /** A plugin serving every asset at its `url`. */
  routes(app: FastifyInstance): Promise<void>;
}

/** The page with every `src="/chat.js"` or `href="/chat.css"` link to one of our assets pointed at where it is served. */
export function linkAssets(html: string, assets: BrowserAssets): string {
  return html.replace(/\b(src|href)="\/([\w.-]+)"/g, (link, attribute: string, name: string) => (isAssetName(name) ? `${attribute}="${assets.url(name)}"` : link));
}
