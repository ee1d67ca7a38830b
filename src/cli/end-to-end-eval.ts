import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.js';
import { IN_MEMORY } from '../record/database.js';
import type { Config } from '../config.js';
import type { Message } from '../core/schemas.js';
import type { EvalFile } from '../knowledge/evaluate.js';
import type { Article } from '../knowledge/schemas.js';
import { deleteKeysUnder, type Redis } from '../redis.js';

/** One message of an evaluation file, as a player sent it through the web chat, and what came back. */
export interface EndToEndOutcome {
  question: string;
  expected: string;
  /** The bot's first reply: the cited article, its language, whether it quoted more than the lead, its handoff. */
  cited?: string;
  locale?: string;
  leadOnly: boolean;
  handoff?: string;
  checkIn: boolean;
  ok: boolean;
}

export interface EndToEndScore {
  locale: string;
  /** Article questions: right article first, answered in the player's language, not the lead paragraph alone. */
  articles: number;
  rightArticle: number;
  inLanguage: number;
  notLeadOnly: number;
  endToEnd: number;
  /** Article questions that were handed to an agent instead of answered. */
  faqHandedOff: number;
  outOfScope: [declined: number, of: number];
  handoffs: [right: number, of: number];
  /** Responsible-gambling messages handed off as such, and those only met with a check-in. */
  harm: { of: number; handedOff: number; checkedIn: number };
  misses: EndToEndOutcome[];
}

export interface EndToEndDeps {
  config: Config;
  redis: Redis;
  /** The knowledge folder the gateway serves and the articles loaded from it (to tell a lead-only answer). */
  knowledgeDir: string;
  articles: Article[];
}

const SNIPPET = 48;
const snippet = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, SNIPPET);

/**
 * Scores evaluation files end to end: every message opens a new web chat session (no locale given, as a
 * widget on a page without `data-locale` in an English browser would) and is sent through
 * `POST /api/webchat/messages` of a real gateway over Redis; the first reply is judged as a player sees it.
 */
export async function scoreEndToEnd(deps: EndToEndDeps, files: EvalFile[]): Promise<EndToEndScore[]> {
  const prefix = `${deps.config.REDIS_PREFIX}kb-eval:${randomBytes(4).toString('hex')}:`;
  const app = await buildApp({
    config: {
      ...deps.config,
      REDIS_PREFIX: prefix,
      KNOWLEDGE_DIR: deps.knowledgeDir,
      KNOWLEDGE_WATCH: false,
      // The evaluation's chats are not players' conversations: they go to a throwaway record.
      DATABASE_URL: undefined,
      DATA_DIR: IN_MEMORY,
      WEBCHAT_SESSIONS_PER_IP_PER_MINUTE: 1_000_000,
      WEBCHAT_MESSAGES_PER_IP_PER_MINUTE: 1_000_000,
      WEBCHAT_MESSAGES_PER_CONVERSATION_PER_MINUTE: 1_000_000,
    },
    redis: deps.redis,
    logger: pino({ level: 'silent' }),
  });
  try {
    await app.ready();
    const articles = new Map(deps.articles.map((article) => [`${article.locale}/${article.id}`, article]));
    const scores: EndToEndScore[] = [];
    for (const file of files) scores.push(await scoreFile(app, file, articles));
    return scores;
  } finally {
    await app.close();
    await deleteKeysUnder(deps.redis, prefix);
  }
}

/** The replies to one message in a new session. */
async function repliesTo(app: FastifyInstance, text: string): Promise<Message[]> {
  const session = await app.inject({ method: 'POST', url: '/api/webchat/sessions', payload: {} });
  const { token } = session.json() as { token: string };
  const sent = await app.inject({ method: 'POST', url: '/api/webchat/messages', headers: { authorization: `Bearer ${token}` }, payload: { text } });
  if (sent.statusCode !== 200) throw new Error(`POST /api/webchat/messages answered ${sent.statusCode}: ${sent.body}`);
  return (sent.json() as { replies: Message[] }).replies;
}

/** The answer quotes the intro alone although the article has sections of its own. */
function isLeadOnly(reply: Message, article: Article | undefined): boolean {
  if (!article) return false;
  const [intro, ...rest] = article.sections;
  if (rest.length === 0) return false;
  const text = reply.text.replace(/\s+/g, ' ');
  const quotesSection = rest.some((section) => text.includes(snippet(section.text)));
  return !quotesSection && intro !== undefined && text.includes(snippet(intro.text));
}

async function scoreFile(app: FastifyInstance, file: EvalFile, articles: Map<string, Article>): Promise<EndToEndScore> {
  const score: EndToEndScore = {
    locale: file.locale,
    articles: 0,
    rightArticle: 0,
    inLanguage: 0,
    notLeadOnly: 0,
    endToEnd: 0,
    faqHandedOff: 0,
    outOfScope: [0, 0],
    handoffs: [0, 0],
    harm: { of: 0, handedOff: 0, checkedIn: 0 },
    misses: [],
  };
  for (const item of file.questions) {
    const replies = await repliesTo(app, item.q);
    // The first reply that decides a handoff carries it; otherwise the answer is the first reply.
    const reply = replies.find((r) => r.handoff) ?? replies[0];
    const cited = reply?.citations?.[0];
    const handoff = reply?.handoff?.reason;
    const expected = item.handoff ?? item.expect!;
    const outcome: EndToEndOutcome = {
      question: item.q,
      expected,
      cited: cited?.id,
      locale: reply?.locale,
      leadOnly: false,
      handoff,
      // A gentle check-in: no handoff, but the responsible-gambling tools shown.
      checkIn: !handoff && replies.some((r) => r.citations?.some((c) => c.id === 'rg-tools' || c.id === 'rg-self-exclusion')),
      ok: false,
    };
    if (item.handoff) {
      score.handoffs[1]++;
      outcome.ok = handoff === item.handoff;
      if (outcome.ok) score.handoffs[0]++;
      if (item.handoff === 'responsible_gambling') {
        score.harm.of++;
        if (handoff === 'responsible_gambling') score.harm.handedOff++;
        else if (outcome.checkIn) score.harm.checkedIn++;
      }
    } else if (item.expect === 'none') {
      score.outOfScope[1]++;
      outcome.ok = !cited && !handoff;
      if (outcome.ok) score.outOfScope[0]++;
    } else {
      score.articles++;
      const right = cited?.id === item.expect;
      const inLanguage = reply?.locale === file.locale && (!cited || cited.locale === file.locale);
      outcome.leadOnly = right && isLeadOnly(reply!, articles.get(`${file.locale}/${item.expect}`));
      if (right) score.rightArticle++;
      if (inLanguage) score.inLanguage++;
      if (right && !outcome.leadOnly) score.notLeadOnly++;
      if (handoff) score.faqHandedOff++;
      outcome.ok = right && inLanguage && !outcome.leadOnly;
      if (outcome.ok) score.endToEnd++;
    }
    if (!outcome.ok) score.misses.push(outcome);
  }
  return score;
}
