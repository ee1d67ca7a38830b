import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type BrowserAssets, linkAssets } from '../../http/browser-assets.js';

const widgetDir = fileURLToPath(new URL('./widget/', import.meta.url));

export interface WidgetAssets {
  /** The chat page, linked to its script and stylesheet wherever `BrowserAssets` serves them. */
  chatHtml: string;
  /** `/widget.js`, the loader operators embed. */
  embedJs: string;
}

export async function buildWidgetAssets(assets: BrowserAssets): Promise<WidgetAssets> {
  const [chatHtml, embedJs] = await Promise.all([readFile(`${widgetDir}chat.html`, 'utf8'), assets.text('embed.js')]);
  return { chatHtml: linkAssets(chatHtml, assets), embedJs };
}
