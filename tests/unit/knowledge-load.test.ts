import { describe, expect, it } from 'vitest';
import { KnowledgeFileError, parseArticle } from '../../src/knowledge/load.js';
import { toPlainText } from '../../src/knowledge/markdown.js';
import { articleSource } from '../helpers/knowledge.js';

const source = articleSource({
  id: 'bonus-wagering',
  locale: 'en',
  title: 'How bonus wagering works',
  category: 'bonuses',
  tags: ['wagering', 'x35'],
  body: 'Bonus money must be wagered.\n\n## How much do I need to wager?\nThe bonus has a **35x** requirement. See [forfeits](kb:bonus-forfeited).\n\n- slots 100%\n- roulette 10%\n\n## Empty one\n\n## Max bet?\nThe max bet is €5.',
});

describe('knowledge loader', () => {
  it('splits an article into sections that keep its id, title, locale, category and version hash', () => {
    const article = parseArticle('en/bonus-wagering.md', source);
    expect(article.sections.map((s) => s.heading)).toEqual(['How bonus wagering works', 'How much do I need to wager?', 'Max bet?']);
    for (const section of article.sections) {
      expect(section).toMatchObject({ articleId: 'bonus-wagering', locale: 'en', category: 'bonuses', articleTitle: 'How bonus wagering works', articleHash: article.hash });
    }
    expect(article.links).toEqual(['bonus-forfeited']);
    expect(article.emptyHeadings).toEqual(['Empty one']);
    expect(article.updated).toBe('2026-11-01');
  });

  it('gives the same hash to the same text and a new hash to an edit', () => {
    const first = parseArticle('en/bonus-wagering.md', source).hash;
    expect(parseArticle('en/bonus-wagering.md', source).hash).toBe(first);
    expect(parseArticle('en/bonus-wagering.md', source.replace('€5', '€4')).hash).not.toBe(first);
  });

  it('quotes sections as clean plain text', () => {
    const section = parseArticle('en/bonus-wagering.md', source).sections[1]!;
    expect(section.text).toBe('The bonus has a 35x requirement. See forfeits.\n\n• slots 100%\n• roulette 10%');
    expect(toPlainText('1. **one** _two_\n2. [three](https://x.example)')).toBe('1. one two\n2. three');
  });

  it.each([
    ['no front matter', 'Just text', /missing front matter/],
    ['broken YAML', '---\nid: x\ntitle: a: b: c\n---\nText', /not valid YAML/],
    ['an unknown category', source.replace('category: bonuses', 'category: casino'), /category/],
    ['an id that is not the file name', source.replace('id: bonus-wagering', 'id: other-id'), /does not match the file name/],
    ['a locale that is not the folder', source.replace('locale: en', 'locale: ru'), /does not match its folder/],
    ['a missing title', source.replace(/title: .*\n/, ''), /title/],
    ['a body without text', `${source.split('---\n').slice(0, 2).join('---\n')}---\n\n## Only a heading\n`, /no text/],
  ])('rejects a file with %s, naming the file', (_name, text, message) => {
    try {
      parseArticle('en/bonus-wagering.md', text);
      expect.unreachable('accepted a bad file');
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeFileError);
      expect((error as Error).message).toMatch(/^en\/bonus-wagering\.md: /);
      expect((error as Error).message).toMatch(message);
    }
  });
});
