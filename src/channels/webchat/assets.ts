import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleBrowserScript } from '../../http/browser-bundle.js';

const widgetDir = fileURLToPath(new URL('./widget/', import.meta.url));

export interface WidgetAssets {
  chatHtml: string;
  chatCss: string;
  chatJs: string;
  embedJs: string;
}

/** The widget is plain TypeScript compiled once at start-up: no build step for the user to run. */
export async function buildWidgetAssets(): Promise<WidgetAssets> {
  const [chatHtml, chatCss, chatJs, embedJs] = await Promise.all([
    readFile(`${widgetDir}chat.html`, 'utf8'),
    readFile(`${widgetDir}chat.css`, 'utf8'),
    bundleBrowserScript(`${widgetDir}chat.ts`),
    bundleBrowserScript(`${widgetDir}embed.ts`),
  ]);
  return { chatHtml, chatCss, chatJs, embedJs };
}
