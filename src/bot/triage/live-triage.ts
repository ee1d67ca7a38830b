import type { Logger } from 'pino';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { LiveModel } from '../../knowledge/live-model.js';
import type { TriageModelFolder } from './model-folder.js';
import { TriageModel } from './triage.js';
import type { TriageResult } from '../../core/reasons.js';

/**
 * The triage classifier that follows the knowledge base: every reload (an edited triage file or
 * article) trains a new model from that version of the content (see `LiveModel`).
 */
export class LiveTriage {
  private readonly live: LiveModel<TriageModel>;

  /** `folder`: where trained models are kept across restarts (none: every start trains). */
  constructor(knowledge: Pick<KnowledgeBase, 'index' | 'triageExamples' | 'on'>, logger: Logger, folder?: TriageModelFolder) {
    this.live = new LiveModel(knowledge, logger, {
      name: 'triage classifier',
      training: () => TriageModel.training(knowledge.triageExamples, knowledge.index.articles, { folder }),
      describe: (model) => {
        const files = knowledge.triageExamples;
        return {
          fields: { examples: model.examples, locales: files.map((file) => file.locale) },
          loaded: model.restored,
          ...(files.length === 0 ? { problem: 'no triage examples (knowledge/triage/<locale>.yaml): the bot will hand off only when asked or unsure' } : {}),
        };
      },
    });
  }

  classify(text: string): TriageResult {
    return this.live.model.classify(text);
  }

  /** Resolves once the model of the latest reload is in service. */
  whenTrained(): Promise<void> {
    return this.live.whenTrained();
  }
}
