import type { FastifyInstance } from 'fastify';

/** A speech bubble on the brand colour: the icon of every page (chat, console, help pages). */
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b6e4f"/><path fill="#fff" d="M8 9h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9l-5 4v-4H8a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z"/></svg>`;

const ONE_DAY = 'public, max-age=86400';

/** `/favicon.svg`, linked from every page, and `/favicon.ico` (which browsers ask for on their own) sent to it. */
export async function faviconRoutes(app: FastifyInstance): Promise<void> {
  app.get('/favicon.svg', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', ONE_DAY).send(FAVICON_SVG),
  );
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.header('cache-control', ONE_DAY).redirect('/favicon.svg', 301));
}
