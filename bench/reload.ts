import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * A reload of the shipped knowledge base after one article is edited, as a content editor's save
 * triggers it: that article parsed again, a new index, both classifiers retrained on the new text.
 */
export async function benchReload(): Promise<ReloadFigures> {
  const logger = pino({ level: 'silent' });
  const dir = await mkdtemp(join(tmpdir(), 'pitboss-bench-kb-'));
  await cp('knowledge', dir, { recursive: true });
  const knowledge = await KnowledgeBase.open({ dir, logger, watch: false });
  try {
    const triage = new LiveTriage(knowledge, logger);
    const language = new LiveLanguageModel(knowledge, logger);
    // The first reload starts the index worker; the second is measured.
    await knowledge.reload();
    await Promise.all([triage.whenTrained(), language.whenTrained()]);
    await appendFile(join(dir, knowledge.index.articles[0]!.file), '\n\nOne more sentence, added by the benchmark, about withdrawing winnings to a card.\n');
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
    await rm(dir, { recursive: true, force: true });
  }
}
