import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { bundleBrowserScript } from '../../http/browser-bundle.js';

const consoleDir = fileURLToPath(new URL('./', import.meta.url));

const PAGE_POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

/** Serves the agent console: one HTML page, its stylesheet and its bundled script. */
export async function agentConsoleRoutes(app: FastifyInstance): Promise<void> {
  const [html, css, js] = await Promise.all([
    readFile(`${consoleDir}agent.html`, 'utf8'),
    readFile(`${consoleDir}agent.css`, 'utf8'),
    bundleBrowserScript(`${consoleDir}agent.ts`),
  ]);
  app.get('/agent', async (_request, reply) => reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_POLICY).send(html));
  app.get('/agent.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(css));
  app.get('/agent.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(js));
}
