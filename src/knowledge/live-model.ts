import type { Logger } from 'pino';
import type { KnowledgeBase } from './knowledge-base.js';
import { runInSlices, runToEnd, type TrainingSteps } from './training-steps.js';

export interface LiveModelSpec<M> {
  /** What the model is, for the log ("triage classifier"). */
  name: string;
  /** A training on the content being served at the moment it starts. */
  training(): TrainingSteps<M>;
  /** What to log about a model put in service; a `problem` is logged as an error instead; `loaded`: read back from a saved model, not trained. */
  describe?(model: M): { fields?: Record<string, unknown>; problem?: string; loaded?: boolean };
}

/**
 * A model learnt from the knowledge being served. It is trained at once when created; every reload
 * (an edited article, language or triage file) trains a new one in slices between requests and
 * swaps it in whole when it is done, so a request is always served by one whole model, and until
 * then the previous one answers.
 */
export class LiveModel<M> {
  private current: M;
  private training: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(
    knowledge: Pick<KnowledgeBase, 'on'>,
    private readonly logger: Logger,
    private readonly spec: LiveModelSpec<M>,
  ) {
    const started = performance.now();
    this.current = runToEnd(spec.training());
    this.inService(started, 'trained');
    knowledge.on('reloaded', () => {
      this.training = this.retrain();
    });
  }

  /** The model in service. */
  get model(): M {
    return this.current;
  }

  /** Resolves once the model of the latest reload is in service. */
  whenTrained(): Promise<void> {
    return this.training;
  }

  private async retrain(): Promise<void> {
    const generation = ++this.generation;
    const started = performance.now();
    try {
      const model = await runInSlices(this.spec.training());
      // A later reload's model wins, whichever finishes first.
      if (generation !== this.generation) return;
      this.current = model;
      this.inService(started, 'retrained');
    } catch (error) {
      this.logger.error({ err: error }, `${this.spec.name} retraining failed; the previous model stays in service`);
    }
  }

  private inService(started: number, what: 'trained' | 'retrained'): void {
    const { fields, problem, loaded } = this.spec.describe?.(this.current) ?? {};
    const log = { ...fields, ms: Math.round(performance.now() - started) };
    if (problem) this.logger.error(log, problem);
    else this.logger.info(log, `${this.spec.name} ${loaded ? 'loaded from a saved model' : what}`);
  }
}
