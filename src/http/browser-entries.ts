/**
 * Every file a page loads from us: the name a page links to (`/chat.js`) → its source under `src/`.
 * Scripts are TypeScript bundled for the browser, stylesheets are minified.
 */
export const BROWSER_ENTRIES = {
  'chat.js': 'channels/webchat/widget/chat.ts',
  'chat.css': 'channels/webchat/widget/chat.css',
  'embed.js': 'channels/webchat/widget/embed.ts',
  'agent.js': 'handoff/console/agent.ts',
  'agent.css': 'handoff/console/agent.css',
  'supervisor.js': 'handoff/console/supervisor.ts',
  'supervisor.css': 'handoff/console/supervisor.css',
  'help.css': 'knowledge/help/help.css',
} as const;

export type AssetName = keyof typeof BROWSER_ENTRIES;

export const ASSET_NAMES = Object.keys(BROWSER_ENTRIES) as [AssetName, ...AssetName[]];

export function isAssetName(name: string): name is AssetName {
  return Object.hasOwn(BROWSER_ENTRIES, name);
}

export function assetContentType(name: AssetName): string {
  return name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
}
