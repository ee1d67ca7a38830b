import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { LiveTriage } from '../src/bot/triage/live-triage.js';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { LiveLanguageModel } from '../src/knowledge/live-language-model.js';

export interface ReloadFigures {
  /** From the start of a reload until the new index, language and triage models are all in service. */
  ms: number;
  /** The longest the event loop waited meanwhile: how long a request could be held up. */
  eventLoopMaxMs: number;
}

/** A reload of the shipped knowledge base as an edit triggers it, with both classifiers retraining. */
export async function benchReload(): Promise<ReloadFigures> {
  const logger = pino({ level: 'silent' });
  const knowledge = await KnowledgeBase.open({ dir: 'knowledge', logger, watch: false });
  try {
    const triage = new LiveTriage(knowledge, logger);
    const language = new LiveLanguageModel(knowledge, logger);
    // The first reload starts the index worker; the second is measured.
    await knowledge.reload();
    await Promise.all([triage.whenTrained(), language.whenTrained()]);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const started = performance.now();
    await knowledge.reload();
    await Promise.all([triage.whenTrained(), language.whenTrained()]);
    const ms = performance.now() - started;
    delay.disable();
    return { ms, eventLoopMaxMs: delay.max / 1e6 };
  } finally {
    await knowledge.close();
  }
}
