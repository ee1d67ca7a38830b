import type { Logger } from 'pino';
import type { KnowledgeBase } from './knowledge-base.js';
import { languageExamples, type LocalePhrases } from './language-corpus.js';
import { type LanguageExample, type LanguageGuess, LanguageModel } from './language-id.js';
import { KB_LOCALES } from './schemas.js';
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
 * The language identifier of the knowledge being served. Every reload (an edited article, language
 * or triage file) trains a new model from that content, in slices between requests, and swaps it
 * in whole when it is done; until then the previous model answers.
 */
export class LiveLanguageModel {
  private model: LanguageModel;
  private training: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(
    private readonly knowledge: KnowledgeContent,
    private readonly logger: Logger,
  ) {
    const started = performance.now();
    this.model = LanguageModel.train(this.examples());
    logger.info({ ms: Math.round(performance.now() - started) }, 'language identifier trained');
    knowledge.on('reloaded', () => {
      this.training = this.retrain();
    });
  }

  identify(text: string): LanguageGuess {
    return this.model.identify(text);
  }

  /** Resolves once the model of the latest reload is in service. */
  whenTrained(): Promise<void> {
    return this.training;
  }

  private examples(): Iterable<LanguageExample> {
    return languageExamples(this.knowledge.index.articles, phrases(this.knowledge));
  }

  private async retrain(): Promise<void> {
    const generation = ++this.generation;
    const started = performance.now();
    try {
      const model = await LanguageModel.trainInSlices(this.examples());
      // A later reload's model wins, whichever finishes first.
      if (generation !== this.generation) return;
      this.model = model;
      this.logger.info({ ms: Math.round(performance.now() - started) }, 'language identifier retrained');
    } catch (error) {
      this.logger.error({ err: error }, 'language identifier retraining failed; the previous model stays in service');
    }
  }
}
