import type { Logger } from 'pino';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { TriageModel, type TriageResult } from './triage.js';

type TriageContent = Pick<KnowledgeBase, 'index' | 'triageExamples' | 'on'>;

/**
 * The triage classifier that follows the knowledge base. Every reload (an edited triage file or
 * article) trains a new model from that version of the content, in slices between requests (a
 * whole training is about a second of work), and swaps it in when it is done; until then the
 * previous model classifies. A message is always classified by one whole model, never a mix.
 */
export class LiveTriage {
  private model: TriageModel;
  private training: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(
    private readonly knowledge: TriageContent,
    private readonly logger: Logger,
  ) {
    const started = performance.now();
    this.model = TriageModel.train(knowledge.triageExamples, knowledge.index.articles);
    this.trained(started, 'triage classifier trained');
    knowledge.on('reloaded', () => {
      this.training = this.retrain();
    });
  }

  classify(text: string): TriageResult {
    return this.model.classify(text);
  }

  /** Resolves once the model of the latest reload is in service. */
  whenTrained(): Promise<void> {
    return this.training;
  }

  private async retrain(): Promise<void> {
    const generation = ++this.generation;
    const started = performance.now();
    try {
      const model = await TriageModel.trainInSlices(this.knowledge.triageExamples, this.knowledge.index.articles);
      // A later reload's model wins, whichever finishes first.
      if (generation !== this.generation) return;
      this.model = model;
      this.trained(started, 'triage classifier retrained');
    } catch (error) {
      this.logger.error({ err: error }, 'triage retraining failed; the previous model stays in service');
    }
  }

  private trained(started: number, message: string): void {
    const files = this.knowledge.triageExamples;
    const log = { examples: this.model.examples, locales: files.map((file) => file.locale), ms: Math.round(performance.now() - started) };
    if (files.length === 0) this.logger.error(log, 'no triage examples (knowledge/triage/<locale>.yaml): the bot will hand off only when asked or unsure');
    else this.logger.info(log, message);
  }
}
