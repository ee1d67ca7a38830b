import { join } from 'node:path';
import { access } from 'node:fs/promises';
import { languageFileName, loadLanguageResources } from './language-resources.js';
import { KnowledgeFileError, type LoadResult, loadKnowledge } from './load.js';
import { type Article, KB_LOCALES } from './schemas.js';
import { type CheckProblem, unloadable } from './check-problem.js';
import { checkTeamReplies } from './team-reply-check.js';
import { loadTeamReplies } from './team-reply-files.js';
import { checkTriageExamples, loadAllTriageExamples } from './triage-content.js';

/** Tags are a few key words; the phrasings players use belong to `questions:`. */
const MAX_TAGS = 12;
const MAX_TAG_WORDS = 3;


/** Everything content staff must fix (errors) or should look at (warnings) in the knowledge base. */
export function checkKnowledge({ articles, errors }: LoadResult): CheckProblem[] {
  const problems: CheckProblem[] = errors.map(unloadable);
  const byId = new Map<string, Article[]>();
  for (const article of articles) byId.set(article.id, [...(byId.get(article.id) ?? []), article]);
  const brokenFiles = new Set(errors.map((error) => error.file));

  for (const [id, versions] of byId) {
    for (const locale of KB_LOCALES) {
      if (!versions.some((a) => a.locale === locale) && !brokenFiles.has(`${locale}/${id}.md`)) {
        problems.push({ level: 'error', file: `${locale}/${id}.md`, message: `missing translation of "${id}" (exists in ${versions.map((a) => a.locale).join(', ')})` });
      }
    }
    const categories = new Set(versions.map((a) => a.category));
    if (categories.size > 1) {
      problems.push({ level: 'error', file: versions[0]!.file, message: `translations of "${id}" disagree on the category (${[...categories].join(', ')})` });
    }
    const english = versions.find((a) => a.locale === 'en');
    for (const version of versions) {
      if (english && version !== english && version.updated < english.updated) {
        problems.push({ level: 'warning', file: version.file, message: `translation is older (${version.updated}) than the English article (${english.updated}); check it is still accurate` });
      }
    }
  }

  const titles = new Map<string, string>();
  for (const article of articles) {
    for (const target of article.links) {
      if (!byId.has(target)) problems.push({ level: 'error', file: article.file, message: `broken link to "kb:${target}" (no such article)` });
    }
    for (const heading of article.emptyHeadings) {
      problems.push({ level: 'error', file: article.file, message: `empty section "${heading}"` });
    }
    for (const key of article.unknownQuestionKeys) {
      problems.push({ level: 'error', file: article.file, message: `questions: "${key}" matches no heading of the article; use a "##" heading exactly as written, or the title for the intro` });
    }
    if (article.tags.length > MAX_TAGS) {
      problems.push({ level: 'warning', file: article.file, message: `${article.tags.length} tags (more than ${MAX_TAGS}): keep a few key words and put phrasings under questions:` });
    }
    for (const tag of article.tags.filter((t) => t.split(/\s+/).length > MAX_TAG_WORDS)) {
      problems.push({ level: 'warning', file: article.file, message: `tag "${tag}" is longer than ${MAX_TAG_WORDS} words: write it as a question of its section under questions:` });
    }
    if (article.headingDepths.some((depth) => depth !== 2)) {
      problems.push({ level: 'warning', file: article.file, message: 'use only "##" headings: each section is quoted on its own' });
    }
    const titleKey = `${article.locale}:${article.title.toLowerCase()}`;
    const twin = titles.get(titleKey);
    if (twin) problems.push({ level: 'warning', file: article.file, message: `same title as ${twin}` });
    titles.set(titleKey, article.file);
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.level.localeCompare(b.level));
}

export async function checkKnowledgeDir(dir: string): Promise<CheckProblem[]> {
  try {
    await access(join(dir));
  } catch {
    return [{ level: 'error', file: dir, message: 'knowledge folder not found' }];
  }
  const loaded = await loadKnowledge(dir);
  const language = await checkLanguageFiles(dir);
  const triage = checkTriageExamples(await loadAllTriageExamples(dir), loaded.articles);
  const replies = checkTeamReplies(await loadTeamReplies(dir));
  return [...checkKnowledge(loaded), ...language, ...triage, ...replies].sort((a, b) => a.file.localeCompare(b.file) || a.level.localeCompare(b.level));
}

/** `language/<locale>.yaml`: must parse; a phrase in two synonym groups joins meanings it should keep apart. */
async function checkLanguageFiles(dir: string): Promise<CheckProblem[]> {
  const problems: CheckProblem[] = [];
  for (const locale of KB_LOCALES) {
    const file = languageFileName(locale);
    try {
      const { synonyms } = await loadLanguageResources(dir, locale);
      const groupOf = new Map<string, number>();
      synonyms.forEach((group, g) => {
        for (const phrase of new Set(group.map((p) => p.toLowerCase()))) {
          const other = groupOf.get(phrase);
          if (other !== undefined && other !== g) {
            problems.push({ level: 'warning', file, message: `"${phrase}" is in two synonym groups (${other + 1} and ${g + 1}): keep it in the one it means` });
          }
          groupOf.set(phrase, g);
        }
      });
    } catch (error) {
      const message = error instanceof KnowledgeFileError ? error.message.slice(file.length + 2) : String(error);
      problems.push({ level: 'error', file, message });
    }
  }
  return problems;
}
