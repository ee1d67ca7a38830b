import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLanguageResources, parseLanguageFile } from '../../src/knowledge/language-resources.js';
import { KnowledgeFileError, parseArticle } from '../../src/knowledge/load.js';
import { toPlainText } from '../../src/knowledge/markdown.js';
import { articleSource, tempKnowledge } from '../helpers/knowledge.js';

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

describe('questions a section answers', () => {
  const withQuestions = (questions: Record<string, string[]>) =>
    parseArticle('en/bonus-wagering.md', articleSource({ id: 'bonus-wagering', locale: 'en', title: 'How bonus wagering works', category: 'bonuses', questions, body: 'Bonus money must be wagered.\n\n## Max bet?\nThe max bet is €5.' }));

  it('gives each section the questions listed under its heading, and the intro those under the title', () => {
    const article = withQuestions({ 'How bonus wagering works': ['what is wagering'], 'Max bet?': ['max bet with active bonus', 'how much can i bet with a bonus'] });
    expect(article.sections.map((s) => [s.heading, s.questions])).toEqual([
      ['How bonus wagering works', ['what is wagering']],
      ['Max bet?', ['max bet with active bonus', 'how much can i bet with a bonus']],
    ]);
    expect(article.unknownQuestionKeys).toEqual([]);
  });

  it('keeps the questions of a heading that does not exist aside for kb:check', () => {
    const article = withQuestions({ 'Maximum bet?': ['max bet'] });
    expect(article.unknownQuestionKeys).toEqual(['Maximum bet?']);
    expect(article.sections.flatMap((s) => s.questions)).toEqual([]);
  });
});

describe('language files (knowledge/language/<locale>.yaml)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('reads synonym groups and small talk', () => {
    const source = 'locale: ru\nsynonyms:\n  - [вывод, кэшаут, cashout]\nsmallTalk:\n  thanks: [спасибо, спс]\n';
    expect(parseLanguageFile('language/ru.yaml', 'ru', source)).toEqual({ locale: 'ru', synonyms: [['вывод', 'кэшаут', 'cashout']], smallTalk: { thanks: ['спасибо', 'спс'] } });
  });

  it.each([
    ['a file of another locale', 'locale: az\nsynonyms: []\n', /does not match the file name/],
    ['a group with one phrase', 'locale: ru\nsynonyms:\n  - [вывод]\n', /synonyms\.0: a synonym group needs at least two entries/],
    ['an unknown small-talk kind', 'locale: ru\nsmallTalk:\n  insult: [дурак]\n', /smallTalk/],
    ['an unknown key', 'locale: ru\nslang: []\n', /slang/],
    ['a YAML tag', 'locale: ru\nsynonyms: !!js/function "x"\n', /not allowed/],
  ])('rejects %s, naming the file', (_name, source, message) => {
    expect(() => parseLanguageFile('language/ru.yaml', 'ru', source)).toThrow(KnowledgeFileError);
    expect(() => parseLanguageFile('language/ru.yaml', 'ru', source)).toThrow(message);
    expect(() => parseLanguageFile('language/ru.yaml', 'ru', source)).toThrow(/^language\/ru\.yaml: /);
  });

  it('means no synonyms and no small talk when the file does not exist', async () => {
    const kb = tempKnowledge([]);
    cleanups.push(kb.cleanup);
    expect(await loadLanguageResources(kb.dir, 'az')).toEqual({ locale: 'az', synonyms: [], smallTalk: {} });
    mkdirSync(join(kb.dir, 'language'));
    writeFileSync(join(kb.dir, 'language', 'az.yaml'), 'locale: az\nsynonyms:\n  - [cixaris, pul cixarmaq]\n');
    expect((await loadLanguageResources(kb.dir, 'az')).synonyms).toEqual([['cixaris', 'pul cixarmaq']]);
  });
});
