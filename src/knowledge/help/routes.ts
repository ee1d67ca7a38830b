import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import type { KnowledgeBase } from '../knowledge-base.js';
import { FrontMatter, KB_LOCALES, KbLocale } from '../schemas.js';
import { helpPagePath } from './links.js';
import { helpArticlePage, helpIndexPage } from './pages.js';

export interface HelpRoutesDeps {
  knowledge: KnowledgeBase;
  /** The address of the pages' stylesheet (served with the other browser assets). */
  stylesheet: string;
}

/** Pages run no script at all and load nothing but their own stylesheet (and images). */
const HELP_PAGE_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'https:', 'data:'],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'self'"],
    },
  },
} as const;
/** Revalidated on every load: an edited article shows at once, and in a build a page names its stylesheet by content hash. */
const CACHE_CONTROL = 'no-cache';

const IndexParams = z.object({ locale: KbLocale });
const ArticleParams = z.object({ locale: KbLocale, id: FrontMatter.shape.id });

function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  throw new NotFoundError(`No such help page. The help center is at /help/<locale> with locale one of ${KB_LOCALES.join(', ')}, and articles at /help/<locale>/<article id>.`);
}

/** The public help center: `GET /help/:locale` (articles by category) and `GET /help/:locale/:id` (one article). */
export async function helpRoutes(app: FastifyInstance, { knowledge, stylesheet }: HelpRoutesDeps): Promise<void> {
  app.get('/help/:locale', { helmet: HELP_PAGE_HEADERS }, async (request, reply) => {
    const { locale } = parseParams(IndexParams, request.params);
    return reply.type('text/html; charset=utf-8').header('cache-control', CACHE_CONTROL).send(helpIndexPage(locale, knowledge.index.articles, stylesheet));
  });

  app.get('/help/:locale/:id', { helmet: HELP_PAGE_HEADERS }, async (request, reply) => {
    const { locale, id } = parseParams(ArticleParams, request.params);
    const { index } = knowledge;
    const article = index.article(id, locale);
    if (!article) throw new NotFoundError(`There is no help article "${id}". The list of articles is at /help/${locale}.`, 'article_not_found');
    // Not translated yet: the English version, as the bot answers in that case.
    if (article.locale !== locale) return reply.redirect(helpPagePath(article.locale, id), 302);
    const translations = KB_LOCALES.filter((other) => index.article(id, other)?.locale === other);
    return reply.type('text/html; charset=utf-8').header('cache-control', CACHE_CONTROL).send(helpArticlePage(article, translations, stylesheet));
  });
}
