import type { Logger } from 'pino';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { KnowledgeIndex } from '../../knowledge/search-index.js';
import { TriageModel, type TriageResult } from './triage.js';

/**
 * The triage classifier that follows the knowledge base: every reload (an edited triage file or
 * article) trains a new model from that version of the content and swaps it in, so a message is
 * always classified by one whole model, never a mix.
 */
export class LiveTriage {
  private model: TriageModel | undefined;
  private trainedOn: KnowledgeIndex | undefined;

  constructor(
    private readonly knowledge: Pick<KnowledgeBase, 'index' | 'triageExamples' | 'on'>,
    private readonly logger: Logger,
  ) {
    this.current();
    knowledge.on('reloaded', () => this.current());
  }

  classify(text: string): TriageResult {
    return this.current().classify(text);
  }

  /** The model for the knowledge version being served (the index and triage files are swapped together). */
  current(): TriageModel {
    const index = this.knowledge.index;
    if (this.model && this.trainedOn === index) return this.model;
    const started = performance.now();
    const files = this.knowledge.triageExamples;
    this.model = TriageModel.train(files, index.articles);
    this.trainedOn = index;
    const log = { examples: this.model.examples, locales: files.map((file) => file.locale), ms: Math.round(performance.now() - started) };
    if (files.length === 0) this.logger.error(log, 'no triage examples (knowledge/triage/<locale>.yaml): the bot will hand off only when asked or unsure');
    else this.logger.info(log, 'triage classifier trained');
    return this.model;
  }
}
