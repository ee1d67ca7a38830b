import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type BrowserAssets, linkAssets } from '../../http/browser-assets.js';

const consoleDir = fileURLToPath(new URL('./', import.meta.url));

const PAGE_POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

/** Serves the agent console's pages (the console and the supervisor view); their stylesheets and scripts are served by `assets`. */
export async function agentConsoleRoutes(app: FastifyInstance, { assets }: { assets: BrowserAssets }): Promise<void> {
  // Revalidated on every load: in a build a page names its script and stylesheet by content hash.
  for (const [path, file] of [['/agent', 'agent.html'], ['/agent/supervisor', 'supervisor.html']] as const) {
    const html = linkAssets(await readFile(`${consoleDir}${file}`, 'utf8'), assets);
    app.get(path, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_POLICY).header('cache-control', 'no-cache').send(html),
    );
  }
}
