import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type BrowserAssets, linkAssets } from '../../http/browser-assets.js';

const widgetDir = fileURLToPath(new URL('./widget/', import.meta.url));

/** The operator's look for the chat (WIDGET_COLOR, WIDGET_LOGO_URL); an embed's data- attributes override it. */
export interface WidgetTheme {
  color: string;
  logoUrl?: string;
}

export interface WidgetAssets {
  /** The chat page, linked to its script and stylesheet wherever `BrowserAssets` serves them, carrying the theme. */
  chatHtml: string;
  /** `/widget.js`, the loader operators embed, with the theme's colour for its launcher. */
  embedJs: string;
  /** Where the chat page may load its logo from, besides its own origin. */
  logoOrigin?: string;
}

/** Stands in embed.ts for the configured colour (a string literal survives bundling and minifying). */
const EMBED_COLOR_MARK = '#0b6e4f';

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export async function buildWidgetAssets(assets: BrowserAssets, theme: WidgetTheme): Promise<WidgetAssets> {
  const [chatHtml, embedJs] = await Promise.all([readFile(`${widgetDir}chat.html`, 'utf8'), assets.text('embed.js')]);
  const themed = `<main class="chat" data-color="${attribute(theme.color)}"${theme.logoUrl ? ` data-logo="${attribute(theme.logoUrl)}"` : ''}>`;
  return {
    chatHtml: linkAssets(chatHtml, assets).replace('<main class="chat">', themed),
    embedJs: embedJs.replaceAll(`'${EMBED_COLOR_MARK}'`, JSON.stringify(theme.color)).replaceAll(`"${EMBED_COLOR_MARK}"`, JSON.stringify(theme.color)),
    ...(theme.logoUrl ? { logoOrigin: new URL(theme.logoUrl).origin } : {}),
  };
}
