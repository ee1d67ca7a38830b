import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage } from '@langchain/core/messages';
import type { BaseRetriever } from '@langchain/core/retrievers';
import { type Answer, type Answerer, answerActions, citationOf, notSureAnswer } from '../bot/answer.js';
import type { Citation, Locale, Message } from '../conversation/schemas.js';
import type { SectionMetadata } from '../knowledge/retriever.js';
import { UnusableOutputError } from './failures.js';
import type { PromptLibrary } from './prompts.js';
import { redact } from './redact.js';
import { citedNumbers, LANGUAGE_NAME, numberedSections, withoutMarkers } from './sections.js';

/** Promises of money or account actions a bot must never make, in the languages we speak. */
const FORBIDDEN = [
  /\b(we|i)('ll| will| shall| are going to) (pay|refund|credit|return|transfer|send|reverse|restore)\b/i,
  /\bguarantee(d|s)?\b/i,
  /\byou (will|'ll) (definitely |certainly )?(win|get (your|the) (money|winnings|refund))\b/i,
  /(гарантир|мы (вернём|вернем|выплатим|начислим|зачислим))/i,
  /(zəmanət|ödəyəcəyik|qaytaracağıq)/i,
];

/** Bonus and promotion talk, kept from players who showed signs of gambling harm. */
const PROMOTION = /(bonus|free ?spins?|cashback|promo|бонус|фриспин|кэшбэк|кешбек|акци|pulsuz fırlatma|keşbek|aksiya)/i;

export interface GroundedAnswererDeps {
  chat: BaseChatModel;
  prompts: PromptLibrary;
  retrieverFor(locale: Locale): BaseRetriever<SectionMetadata>;
  timeoutMs: number;
}

function historyText(history: Message[] | undefined): string {
  const recent = (history ?? []).slice(-6);
  return recent.length === 0 ? '(none)' : recent.map((m) => `${m.from}: ${redact(m.text).slice(0, 500)}`).join('\n');
}

/**
 * Answers from the retrieved sections only, with `[n]` markers mapped to citations; a reply that
 * cites nothing (or says NO_ANSWER) counts as not confident. Streams the reply as it is written.
 */
export function createGroundedAnswerer(deps: GroundedAnswererDeps): Answerer {
  return async (question, locale, context = {}): Promise<Answer> => {
    const docs = await deps.retrieverFor(locale).invoke(question);
    if (docs.length === 0) return notSureAnswer(locale, [], 0);
    const sections = numberedSections(docs);
    const history = historyText(await context.history?.());
    const prompt = deps.prompts.render('answer', { language: LANGUAGE_NAME[locale], sections, history, question: redact(question) });

    let written = '';
    const stream = await deps.chat.stream([new HumanMessage(prompt)], { signal: AbortSignal.timeout(deps.timeoutMs) });
    for await (const chunk of stream) {
      if (typeof chunk.content !== 'string') continue;
      written += chunk.content;
      if (!written.trimStart().startsWith('NO_') && !context.noPromotions) context.onPartial?.(withoutMarkers(written));
    }
    const reply = written.trim();
    if (reply === '') throw new UnusableOutputError('malformed', 'the model returned an empty answer');
    if (/^NO_ANSWER\b/.test(reply)) return notSureAnswer(locale, docs.slice(0, 2).map((d) => d.metadata.title), 0);

    const cited = citedNumbers(reply, docs.length);
    if (cited.length === 0) return notSureAnswer(locale, docs.slice(0, 2).map((d) => d.metadata.title), 0);
    const text = withoutMarkers(reply);
    if (FORBIDDEN.some((pattern) => pattern.test(text))) throw new UnusableOutputError('rejected_output', 'the model promised money or an account action');
    if (context.noPromotions && PROMOTION.test(text)) throw new UnusableOutputError('rejected_output', 'bonus content for a player with responsible-gambling signals');

    const citations: Citation[] = [];
    for (const n of cited) {
      const citation = citationOf(docs[n - 1]!);
      if (!citations.some((c) => c.id === citation.id && c.locale === citation.locale)) citations.push(citation);
    }
    return { confident: true, text, citations, actions: answerActions(locale), confidence: 1, category: docs[cited[0]! - 1]!.metadata.category };
  };
}
