import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const widgetDir = fileURLToPath(new URL('./widget/', import.meta.url));

export interface WidgetAssets {
  chatHtml: string;
  chatCss: string;
  chatJs: string;
  embedJs: string;
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [`${widgetDir}${entry}`],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}

/** The widget is plain TypeScript compiled once at start-up: no build step for the user to run. */
export async function buildWidgetAssets(): Promise<WidgetAssets> {
  const [chatHtml, chatCss, chatJs, embedJs] = await Promise.all([
    readFile(`${widgetDir}chat.html`, 'utf8'),
    readFile(`${widgetDir}chat.css`, 'utf8'),
    bundle('chat.ts'),
    bundle('embed.ts'),
  ]);
  return { chatHtml, chatCss, chatJs, embedJs };
}
