import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { KnowledgeBase } from './knowledge-base.js';
import { languageExamples, type LocalePhrases } from './language-corpus.js';
import { type LanguageGuess, LanguageModel } from './language-id.js';
import { LiveModel } from './live-model.js';
import { RecentValues } from './recent-values.js';
import { type Article, KB_LOCALES } from './schemas.js';
import type { TrainingSteps } from './training-steps.js';
import { triageTexts } from './triage-content.js';

type KnowledgeContent = Pick<KnowledgeBase, 'index' | 'languageResources' | 'triageExamples' | 'on'>;

/** Everything content staff wrote per locale besides articles: small talk, synonyms, triage examples. */
function phrases(knowledge: KnowledgeContent): LocalePhrases[] {
  const resources = KB_LOCALES.map((locale) => {
    const { smallTalk, synonyms } = knowledge.languageResources(locale);
    return { locale, texts: [...Object.values(smallTalk).flat(), ...synonyms.flat()] };
  });
  const triage = knowledge.triageExamples.map((file) => ({
    locale: file.locale,
    texts: triageTexts(file),
  }));
  return [...resources, ...triage];
}

/**
 * Models already trained in this process, by what they learnt from (training is deterministic): a
 * reload that changed nothing it reads, or a second gateway in one process (the test suite starts
 * dozens), takes it from here. A few at most; the oldest goes first.
 */
const trainedByContent = new RecentValues<LanguageModel>(4);

function* languageModelOf(articles: Article[], texts: LocalePhrases[]): TrainingSteps<LanguageModel> {
  const key = createHash('sha256')
    .update(JSON.stringify([articles.map((article) => article.hash), texts]))
    .digest('hex');
  const known = trainedByContent.get(key);
  if (known) return known;
  return trainedByContent.keep(key, yield* LanguageModel.training(languageExamples(articles, texts)));
}

/**
 * The language identifier of the knowledge being served: every reload (an edited article, language
 * or triage file) trains a new model from that content (see `LiveModel`).
 */
export class LiveLanguageModel {
  private readonly live: LiveModel<LanguageModel>;

  constructor(knowledge: KnowledgeContent, logger: Logger) {
    this.live = new LiveModel(knowledge, logger, {
      name: 'language identifier',
      training: () => languageModelOf(knowledge.index.articles, phrases(knowledge)),
    });
  }

  identify(text: string): LanguageGuess {
    return this.live.model.identify(text);
  }

  /** Resolves once the model of the latest reload is in service. */
  whenTrained(): Promise<void> {
    return this.live.whenTrained();
  }
}
