import GithubSlugger from 'github-slugger';
import { type Article, Category, type KbLocale } from '../schemas.js';
import { helpIndexPath, helpPagePath } from './links.js';
import { articleHtml, escapeText as esc } from './render.js';
import { LANGUAGE_NAMES } from '../../core/language-names.js';
import { CATEGORY_NAMES, HELP_TEXTS, type HelpTexts } from './texts.js';

/** The help center's HTML pages: server-rendered, no scripts, one stylesheet. */

const MAIN_ID = 'help-main';

interface PageParts {
  locale: KbLocale;
  title: string;
  /** The stylesheet's address (content-hashed in a build). */
  stylesheet: string;
  /** Other languages of the same page: locale → address. */
  alternates: Partial<Record<KbLocale, string>>;
  breadcrumb?: string;
  main: string;
  footer?: string;
}

function languageLinks(alternates: PageParts['alternates'], texts: HelpTexts): string {
  const links = Object.entries(alternates).map(
    ([locale, href]) => `<li><a href="${esc(href)}" hreflang="${locale}" lang="${locale}">${esc(LANGUAGE_NAMES[locale as KbLocale])}</a></li>`,
  );
  return links.length === 0 ? '' : `<nav class="languages" aria-label="${esc(texts.languages)}"><ul>${links.join('')}</ul></nav>`;
}

function layout(parts: PageParts): string {
  const texts = HELP_TEXTS[parts.locale];
  const alternates = Object.entries(parts.alternates).map(([locale, href]) => `<link rel="alternate" hreflang="${locale}" href="${esc(href)}">`);
  return `<!doctype html>
<html lang="${parts.locale}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(parts.title)} · Demo Casino</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${esc(parts.stylesheet)}">
${alternates.join('\n')}
</head>
<body>
<a class="skip" href="#${MAIN_ID}">${esc(texts.skip)}</a>
<header class="site">
<a class="site__home" href="${helpIndexPath(parts.locale)}">Demo Casino · ${esc(texts.helpCenter)}</a>
${languageLinks(parts.alternates, texts)}
</header>
${parts.breadcrumb ?? ''}
<main id="${MAIN_ID}" tabindex="-1">
${parts.main}
</main>
<footer class="site-footer">
${parts.footer ?? ''}
<p><a href="/chat?locale=${parts.locale}">${esc(texts.chat)}</a></p>
</footer>
</body>
</html>
`;
}

/** Every article id once, in the page's language where it exists, else in English. */
function articlesIn(locale: KbLocale, articles: readonly Article[]): Article[] {
  const byId = new Map<string, Article>();
  for (const article of articles) {
    const current = byId.get(article.id);
    if (!current || article.locale === locale || (current.locale !== locale && article.locale === 'en')) byId.set(article.id, article);
  }
  return [...byId.values()];
}

/** `GET /help/:locale`: the articles by category, in the order of the category list. */
export function helpIndexPage(locale: KbLocale, articles: readonly Article[], stylesheet: string): string {
  const texts = HELP_TEXTS[locale];
  const shown = articlesIn(locale, articles);
  const groups = Category.options
    .map((category) => ({ category, items: shown.filter((a) => a.category === category).sort((a, b) => a.title.localeCompare(b.title, locale)) }))
    .filter((group) => group.items.length > 0)
    .map(({ category, items }) => {
      const links = items.map((article) => {
        const foreign = article.locale !== locale ? ` <span class="note">(${esc(texts.inEnglish)})</span>` : '';
        return `<li><a href="${helpPagePath(article.locale, article.id)}" hreflang="${article.locale}" lang="${article.locale}">${esc(article.title)}</a>${foreign}</li>`;
      });
      return `<section class="category" aria-labelledby="${category}">\n<h2 id="${category}">${esc(CATEGORY_NAMES[locale][category])}</h2>\n<ul>${links.join('')}</ul>\n</section>`;
    });
  const alternates = Object.fromEntries(Object.keys(HELP_TEXTS).filter((other) => other !== locale).map((other) => [other, helpIndexPath(other)]));
  return layout({
    locale,
    title: texts.helpCenter,
    stylesheet,
    alternates,
    main: `<h1>${esc(texts.helpCenter)}</h1>\n<p class="lead">${esc(texts.intro)}</p>\n${groups.join('\n')}`,
  });
}

/** `GET /help/:locale/:id`: the article, each section with its anchor, and its other languages. */
export function helpArticlePage(article: Article, translations: readonly KbLocale[], stylesheet: string): string {
  const { locale } = article;
  const texts = HELP_TEXTS[locale];
  // A slugger per page keeps ids unique; the first use of a heading gets exactly `sectionAnchor(heading)`, as citations link it.
  const slugger = new GithubSlugger();
  const titleId = slugger.slug(article.title);
  const [first, ...others] = article.sections;
  const hasIntro = first !== undefined && first.heading === article.title;
  const headed = hasIntro ? others : article.sections;
  const anchored = headed.map((section) => ({ section, id: slugger.slug(section.heading) }));
  const sections = anchored.map(
    ({ section, id }) => `<section aria-labelledby="${esc(id)}">\n<h2 id="${esc(id)}">${esc(section.heading)}</h2>\n${articleHtml(section.markdown, locale)}\n</section>`,
  );
  const contents = anchored.map(({ section, id }) => `<li><a href="#${esc(encodeURIComponent(id))}">${esc(section.heading)}</a></li>`);
  const toc = contents.length > 1 ? `<nav class="contents" aria-label="${esc(texts.contents)}">\n<h2 class="contents__title">${esc(texts.contents)}</h2>\n<ol>${contents.join('')}</ol>\n</nav>` : '';
  const alternates = Object.fromEntries(translations.filter((other) => other !== locale).map((other) => [other, helpPagePath(other, article.id)]));
  const category = CATEGORY_NAMES[locale][article.category];
  const breadcrumb = `<nav class="breadcrumb" aria-label="${esc(texts.breadcrumb)}"><ol><li><a href="${helpIndexPath(locale)}">${esc(texts.helpCenter)}</a></li><li><a href="${helpIndexPath(locale)}#${article.category}">${esc(category)}</a></li></ol></nav>`;
  const updated = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${article.updated}T00:00:00Z`));
  return layout({
    locale,
    title: `${article.title} · ${texts.helpCenter}`,
    stylesheet,
    alternates,
    breadcrumb,
    main: [
      `<article>`,
      `<h1 id="${esc(titleId)}">${esc(article.title)}</h1>`,
      hasIntro ? `<div class="lead">${articleHtml(first.markdown, locale)}</div>` : '',
      toc,
      ...sections,
      `</article>`,
    ]
      .filter(Boolean)
      .join('\n'),
    footer: `<p>${esc(texts.updated)}: <time datetime="${esc(article.updated)}">${esc(updated)}</time> · <a href="${helpIndexPath(locale)}">${esc(texts.allArticles)}</a></p>`,
  });
}
