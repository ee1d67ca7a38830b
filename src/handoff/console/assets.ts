import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type BrowserAssets, linkAssets } from '../../http/browser-assets.js';

const consoleDir = fileURLToPath(new URL('./', import.meta.url));

const PAGE_POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

/** Serves the agent console's page; its stylesheet and script are served by `assets`. */
export async function agentConsoleRoutes(app: FastifyInstance, { assets }: { assets: BrowserAssets }): Promise<void> {
  const html = linkAssets(await readFile(`${consoleDir}agent.html`, 'utf8'), assets);
  // Revalidated on every load: in a build it names its script and stylesheet by content hash.
  app.get('/agent', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_POLICY).header('cache-control', 'no-cache').send(html),
  );
}
