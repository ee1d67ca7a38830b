import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import type { Logger } from 'pino';
import type { Answerer } from '../bot/answer.js';
import type { Facts } from '../bot/triage/facts.js';
import { type TriageResult, triageMessage } from '../bot/triage/triage.js';
import type { Config } from '../config.js';
import type { Locale, Message } from '../conversation/schemas.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Metrics } from '../metrics.js';
import type { Redis } from '../redis.js';
import { type AgentAssist, createAgentAssist } from './assist.js';
import { CircuitBreaker } from './breaker.js';
import { createGroundedAnswerer } from './grounded-answer.js';
import { HybridRetriever } from './hybrid-retriever.js';
import { PromptLibrary } from './prompts.js';
import { modelOrOffline } from './resilient.js';
import { SemanticIndex } from './semantic-index.js';
import { combineTriage, createClassifier, type LlmTriage } from './triage-classifier.js';

export interface LlmDeps {
  config: Config;
  redis: Redis;
  knowledge: KnowledgeBase;
  metrics: Metrics;
  logger: Logger;
}

export interface LlmMode {
  /** Grounded answers from the model, the given offline answerer whenever the model fails. */
  answerer(offline: Answerer): Answerer;
  /** Offline triage, with the model's classification added when it answers in time. */
  classify(text: string, history: () => Promise<Message[]>): Promise<LlmTriage>;
  assist(transcript: Message[], facts: Facts, locale: Locale): Promise<AgentAssist | undefined>;
  retrieverFor(locale: Locale): HybridRetriever;
  /** Resolves when the section embeddings are in place (or could not be made). */
  embeddingsReady: Promise<unknown>;
  close(): Promise<void>;
}

/** OpenAI mode, when OPENAI_API_KEY is set (any OpenAI-compatible server through OPENAI_BASE_URL). */
export async function createLlm({ config, redis, knowledge, metrics, logger }: LlmDeps): Promise<LlmMode | undefined> {
  if (!config.OPENAI_API_KEY) return undefined;
  const connection = { apiKey: config.OPENAI_API_KEY, configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}, maxRetries: 0 };
  const chat = new ChatOpenAI({ ...connection, model: config.OPENAI_CHAT_MODEL, temperature: 0.2 });
  const embeddings = new OpenAIEmbeddings({ ...connection, model: config.OPENAI_EMBEDDING_MODEL, timeout: config.LLM_TIMEOUT_MS });
  const prompts = await PromptLibrary.open(config.PROMPTS_DIR, logger, { watch: config.KNOWLEDGE_WATCH });
  const semantic = new SemanticIndex(embeddings, redis, (hash) => `${config.REDIS_PREFIX}embedding:${config.OPENAI_EMBEDDING_MODEL}:${hash}`, logger);
  const sync = () => semantic.sync(knowledge.index).catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'section embeddings unavailable; retrieval stays offline until the next reload'));
  const embeddingsReady = sync();
  knowledge.on('reloaded', () => void sync());

  const timeoutMs = config.LLM_TIMEOUT_MS;
  const resilience = { breaker: new CircuitBreaker(config.LLM_BREAKER_FAILURES, config.LLM_BREAKER_OPEN_SECONDS * 1000), metrics, logger, timeoutMs };
  const retrieverFor = (locale: Locale) => new HybridRetriever({ knowledge, semantic, locale });
  const grounded = createGroundedAnswerer({ chat, prompts, retrieverFor, timeoutMs });
  const classifier = createClassifier(chat, prompts, timeoutMs);
  const assist = createAgentAssist({ chat, prompts, retrieverFor, timeoutMs });
  logger.info({ chat: config.OPENAI_CHAT_MODEL, embeddings: config.OPENAI_EMBEDDING_MODEL, baseUrl: config.OPENAI_BASE_URL ?? 'OpenAI' }, 'OpenAI mode on');

  return {
    answerer: (offline) => (question, locale, context) =>
      modelOrOffline(resilience, 'answer', () => grounded(question, locale, context), () => offline(question, locale, context)),
    async classify(text, history) {
      const offline: TriageResult = triageMessage(text);
      // Harm signals need no second opinion: the model could only add delay.
      if (offline.reason === 'responsible_gambling') return offline;
      return modelOrOffline(resilience, 'triage', async () => combineTriage(offline, await classifier(text, await history())), async () => offline);
    },
    assist: (transcript, facts, locale) => modelOrOffline(resilience, 'assist', () => assist(transcript, facts, locale), async () => undefined),
    retrieverFor,
    embeddingsReady,
    close: () => prompts.close(),
  };
}
