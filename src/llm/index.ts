import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import type { Logger } from 'pino';
import { type Answerer, type ModelTurn, notSureAnswer } from '../knowledge/answer.js';
import type { Facts } from '../core/facts.js';
import type { TriageResult } from '../core/reasons.js';
import type { Config } from '../config.js';
import type { Locale, Message } from '../core/schemas.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Metrics } from '../metrics.js';
import type { Redis } from '../redis.js';
import { type AgentAssist, createAgentAssist } from './assist.js';
import { CircuitBreaker } from '../breaker.js';
import { startGroundedAnswer } from './grounded-answer.js';
import { HybridRetriever } from './hybrid-retriever.js';
import { PolicyViolation } from './output-policy.js';
import { PromptLibrary } from './prompts.js';
import { redact } from './redact.js';
import { modelOrOffline } from './resilient.js';
import { SemanticIndex } from './semantic-index.js';
import { combineTriage, createClassifier, type LlmTriage } from './triage-classifier.js';

export interface LlmDeps {
  config: Config;
  redis: Redis;
  knowledge: KnowledgeBase;
  metrics: Metrics;
  logger: Logger;
  /** The offline triage classifier, which the model's classification can only raise. */
  triage(text: string): TriageResult;
}

export interface LlmMode {
  /** Grounded answers from the model, the given offline answerer whenever the model fails. */
  answerer(offline: Answerer): Answerer;
  /** Offline triage, with the model's classification added when it answers in time. */
  classify(text: string, history: () => Promise<Message[]>, turn?: ModelTurn): Promise<LlmTriage>;
  assist(transcript: Message[], facts: Facts, locale: Locale, playerName?: string): Promise<AgentAssist | undefined>;
  retrieverFor(locale: Locale, turn?: ModelTurn): HybridRetriever;
  /** A fresh time budget (LLM_TIMEOUT_MS) for one turn: all its model calls together stop when it aborts. */
  turnDeadline(): AbortSignal;
  /** Resolves when the section embeddings are in place (or could not be made). */
  embeddingsReady: Promise<unknown>;
  close(): Promise<void>;
}

/** Which task a request is for, sent as `X-Pitboss-Task` so proxies (and test servers) can tell them apart. */
type Task = 'answer' | 'triage' | 'summary' | 'draft' | 'embeddings';

/** OpenAI mode, when OPENAI_API_KEY is set (any OpenAI-compatible server through OPENAI_BASE_URL). */
export async function createLlm({ config, redis, knowledge, metrics, logger, triage }: LlmDeps): Promise<LlmMode | undefined> {
  if (!config.OPENAI_API_KEY) return undefined;
  const connection = (task: Task) => ({
    apiKey: config.OPENAI_API_KEY,
    configuration: { ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}), defaultHeaders: { 'X-Pitboss-Task': task } },
    maxRetries: 0,
  });
  const chatFor = (task: Task) => new ChatOpenAI({ ...connection(task), model: config.OPENAI_CHAT_MODEL, temperature: 0.2 });
  const embeddings = new OpenAIEmbeddings({ ...connection('embeddings'), model: config.OPENAI_EMBEDDING_MODEL, timeout: config.LLM_TIMEOUT_MS });
  const prompts = await PromptLibrary.open(config.PROMPTS_DIR, logger, { watch: config.KNOWLEDGE_WATCH });
  const semantic = new SemanticIndex(embeddings, redis, (hash) => `${config.REDIS_PREFIX}embedding:${config.OPENAI_EMBEDDING_MODEL}:${hash}`, logger);
  const sync = () => semantic.sync(knowledge.index).catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'section embeddings unavailable; retrieval stays offline until the next reload'));
  const embeddingsReady = sync();
  knowledge.on('reloaded', () => void sync());

  const timeoutMs = config.LLM_TIMEOUT_MS;
  const breaker = () => new CircuitBreaker('The language model', config.LLM_BREAKER_FAILURES, config.LLM_BREAKER_OPEN_SECONDS * 1000, Date.now, (error) => !(error instanceof PolicyViolation));
  // Chat and embeddings fail independently: a hung embeddings endpoint opens its own breaker
  // (retrieval then stays offline) while answers still come from the chat model.
  const chatResilience = { breaker: breaker(), metrics, logger };
  const embeddingResilience = { breaker: breaker(), metrics, logger };
  const deadlineOf = (turn: ModelTurn | undefined) => turn?.deadline ?? AbortSignal.timeout(timeoutMs);

  const retrieverFor = (locale: Locale, turn?: ModelTurn) =>
    new HybridRetriever({
      knowledge,
      locale,
      semantic: async (question, locales, k) => {
        const deadline = deadlineOf(turn);
        // No time left in this turn: retrieval stays offline (the answer's own fallback is what gets counted).
        if (deadline.aborted) return [];
        return modelOrOffline(embeddingResilience, 'embeddings', deadline, () => semantic.search(redact(question, { playerName: turn?.playerName }), locales, k), async () => []);
      },
    });
  const chats = { answer: chatFor('answer'), summary: chatFor('summary'), draft: chatFor('draft') };
  const classifier = createClassifier(chatFor('triage'), prompts);
  const assist = createAgentAssist({ chats, prompts });
  logger.info({ chat: config.OPENAI_CHAT_MODEL, embeddings: config.OPENAI_EMBEDDING_MODEL, baseUrl: config.OPENAI_BASE_URL ?? 'OpenAI' }, 'OpenAI mode on');

  return {
    answerer: (offline) => async (question, locale, context = {}) => {
      const deadline = deadlineOf(context);
      const turn = { ...context, deadline };
      const docs = await retrieverFor(locale, turn).invoke(question);
      if (docs.length === 0) return notSureAnswer(locale, [], 0);
      const answer = startGroundedAnswer({ chat: chats.answer, prompts }, { question, locale, docs, history: (await context.history?.()) ?? [], context: turn });
      // What the player has already seen stays; otherwise the offline answer takes over.
      return modelOrOffline(chatResilience, 'answer', deadline, (signal) => answer.write(signal), async () => answer.shown() ?? offline(question, locale, context));
    },
    async classify(text, history, turn) {
      const offline = triage(text);
      // Harm signals need no second opinion: the model could only add delay.
      if (offline.reason === 'responsible_gambling') return offline;
      const past = await history();
      const playerTexts = [text, ...past.filter((m) => m.from === 'player').map((m) => m.text)];
      return modelOrOffline(
        chatResilience,
        'triage',
        deadlineOf(turn),
        async (signal) => combineTriage(offline, await classifier(text, past, signal, turn?.playerName), playerTexts),
        async () => offline,
      );
    },
    async assist(transcript, facts, locale, playerName) {
      const deadline = AbortSignal.timeout(timeoutMs);
      const lastPlayer = transcript.filter((m) => m.from === 'player').slice(-3).map((m) => m.text).join(' ');
      const docs = lastPlayer ? await retrieverFor(locale, { deadline, playerName }).invoke(lastPlayer) : [];
      return modelOrOffline(chatResilience, 'assist', deadline, (signal) => assist({ transcript, facts, locale, docs, playerName }, signal), async () => undefined);
    },
    retrieverFor,
    turnDeadline: () => AbortSignal.timeout(timeoutMs),
    embeddingsReady,
    close: () => prompts.close(),
  };
}
