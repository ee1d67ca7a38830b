import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { KbLocale } from '../schemas.js';
import { helpPagePath } from './links.js';

const KB_LINK = /^kb:([a-z0-9-]+)$/;

/** What article markdown may become on a public page: text structure, links and images, nothing active. */
const SAFE_HTML: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'hr', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h3', 'h4', 'h5', 'h6', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

function markdownFor(locale: KbLocale): Marked {
  return new Marked({
    gfm: true,
    // Raw HTML in an article file is shown as the text it is, never as markup.
    renderer: { html: ({ text }) => escapeText(text) },
    walkTokens: (token) => {
      if (token.type !== 'link') return;
      const link = token as Tokens.Link;
      const target = KB_LINK.exec(link.href)?.[1];
      if (target) link.href = helpPagePath(locale, target);
    },
  });
}

const renderers = new Map<KbLocale, Marked>();

/** Text (or an attribute value) as HTML that shows exactly that text. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Article markdown as HTML for a public page: `kb:<id>` links point at the help page of that
 * article in the same language, raw HTML is escaped, and the result passes an allowlist sanitiser
 * (so `javascript:` links, event handlers and scripts can never reach the page, whatever a file says).
 */
export function articleHtml(markdown: string, locale: KbLocale): string {
  let marked = renderers.get(locale);
  if (!marked) {
    marked = markdownFor(locale);
    renderers.set(locale, marked);
  }
  return sanitizeHtml(marked.parse(markdown, { async: false }), SAFE_HTML);
}
