import { type Token, type Tokens, lexer } from 'marked';

export interface MarkdownSection {
  heading: string | undefined;
  markdown: string;
  text: string;
}

const KB_LINK = /^kb:([a-z0-9-]+)$/;

function inlineText(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      if ('tokens' in token && token.tokens) return inlineText(token.tokens);
      if (token.type === 'br') return '\n';
      return 'text' in token ? token.text : token.raw;
    })
    .join('');
}

function blockText(token: Token): string {
  switch (token.type) {
    case 'paragraph':
    case 'heading':
      return inlineText((token as Tokens.Paragraph).tokens);
    case 'list':
      return (token as Tokens.List).items
        .map((item, i) => {
          const bullet = (token as Tokens.List).ordered ? `${Number((token as Tokens.List).start || 1) + i}.` : '•';
          return `${bullet} ${item.tokens.map(blockText).filter(Boolean).join(' ').trim()}`;
        })
        .join('\n');
    case 'text':
      return 'tokens' in token && token.tokens ? inlineText(token.tokens) : token.text;
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.map(blockText).join('\n');
    case 'code':
      return token.text;
    case 'space':
    case 'hr':
      return '';
    default:
      return 'text' in token ? String(token.text) : token.raw.trim();
  }
}

/** Markdown to the plain text a chat shows: emphasis dropped, links reduced to their text, bullets as "•". */
export function toPlainText(markdown: string): string {
  return lexer(markdown)
    .map(blockText)
    .filter((part) => part.trim() !== '')
    .join('\n\n')
    .trim();
}

/** Splits an article body at its `##` headings; text before the first heading is the intro (no heading). */
export function splitSections(body: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  let heading: string | undefined;
  let raw = '';
  const flush = () => {
    if (heading !== undefined || raw.trim() !== '') sections.push({ heading, markdown: raw.trim(), text: toPlainText(raw) });
  };
  for (const token of lexer(body)) {
    if (token.type === 'heading' && (token as Tokens.Heading).depth <= 2) {
      flush();
      heading = inlineText((token as Tokens.Heading).tokens).trim();
      raw = '';
    } else {
      raw += token.raw;
    }
  }
  flush();
  return sections;
}

/** Every `kb:<id>` link target in the markdown. */
export function knowledgeLinks(markdown: string): string[] {
  const found: string[] = [];
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'link') {
        const match = KB_LINK.exec((token as Tokens.Link).href);
        if (match?.[1]) found.push(match[1]);
      }
      if ('tokens' in token && token.tokens) visit(token.tokens);
      if (token.type === 'list') for (const item of (token as Tokens.List).items) visit(item.tokens);
    }
  };
  visit(lexer(markdown));
  return found;
}

/** Headings deeper than `##` or an `#` title inside the body: sections must stay flat. */
export function headingDepths(markdown: string): number[] {
  return lexer(markdown)
    .filter((token): token is Tokens.Heading => token.type === 'heading')
    .map((token) => token.depth);
}
