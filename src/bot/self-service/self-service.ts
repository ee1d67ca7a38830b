import { z } from 'zod';
import { accountText } from '../../core/account-messages.js';
import type { Facts } from '../../core/facts.js';
import { type DepositPeriod, isSaferChange, LimitAction, type Limits, limitField, type PlayerSnapshot } from '../../core/player.js';
import type { TriageResult } from '../../core/reasons.js';
import type { Action, Citation, Conversation, HandoffReason, Locale } from '../../core/schemas.js';
import { answerActions } from '../../knowledge/answer.js';
import { matchText } from '../../knowledge/analysis.js';
import type { Quote } from '../article-quote.js';
import { type AccountQuestion, AccountFormat, type FoundArticle, accountFacts, accountQuestion, bonusesMeant, withdrawalsMeant } from './account-answer.js';
import { confirmationIn, type LimitRequest, limitRequestIn } from './requests.js';

/** The operator's player API as the bot uses it (`PlayerApi`); any failure means "not now". */
export interface PlayerAccount {
  snapshot(playerId: string): Promise<PlayerSnapshot>;
  setDepositLimit(playerId: string, period: DepositPeriod, amount: number): Promise<Limits>;
  startTimeout(playerId: string, days: number): Promise<Limits>;
}

export interface SelfServiceDeps {
  account: PlayerAccount;
  /** The articles a question finds, best first. */
  findArticles(text: string, locale: Locale): FoundArticle[];
  /** The section of an article that best answers the question, quoted and cited. */
  quote(articleId: string, text: string, locale: Locale): Quote | undefined;
  /** Keeps (or, null, drops) the change waiting for the player's yes. */
  setPendingChange(conversationKey: string, change: PendingChange | null): Promise<void>;
  /** Something went wrong reading or changing the player's data (logged without the data). */
  onFailure(what: string, error: unknown): void;
}

/** What the bot does with a verified player's message: reply with their data, hand off with it, or carry on as for anyone. */
export type SelfServiceOutcome =
  | { kind: 'reply'; text: string; citations: Citation[]; actions: Action[]; accountData?: { readAt: string; shown: Record<string, unknown> } }
  | { kind: 'handoff'; reason: HandoffReason; facts: Facts; intro?: string }
  | { kind: 'pass' };

/** A change the bot asked the player to confirm, and the currency its amount is in. */
export const PendingChange = z.object({ action: LimitAction, currency: z.string() });
export type PendingChange = z.infer<typeof PendingChange>;

const PASS: SelfServiceOutcome = { kind: 'pass' };
const BREAK_LENGTHS = [1, 7, 30];
/** Words by which a question is about the player's own account rather than the rules in general. */
const PERSONAL =
  /\b(?:my|mine|me|i|i'm|im|i've|ive|left|remaining)\b|(?<!\p{L})(?:мой|моя|моё|мое|мои|моего|моей|моих|мне|меня|я|осталось|остаток)(?!\p{L})|\b(?:menim|meni|mene|men|benim|bana|beni|qalib|qaldi|kaldi)\b|\b\w{3,}(?:im|um|imi|umu|imin|umun)\b/u;

/**
 * Self-service for verified players (SPEC §8.2): questions about their own withdrawals, balance,
 * bonuses, verification and limits answered from the operator's data with the policy article
 * quoted; a lower deposit limit or a break made after an explicit yes (at once for a player showing
 * signs of harm); anything that loosens protection, and any question the data cannot answer now,
 * handed to a person with what is known.
 */
export class SelfService {
  constructor(private readonly deps: SelfServiceDeps) {}

  async handle(conversation: Conversation & { playerId: string }, text: string, triage: TriageResult): Promise<SelfServiceOutcome> {
    const { locale } = conversation;
    if (conversation.pendingChange) {
      await this.deps.setPendingChange(conversation.key, null);
      const pending = PendingChange.safeParse(parseJson(conversation.pendingChange));
      const yes = confirmationIn(text);
      if (pending.success && yes === true) return this.apply(conversation, pending.data);
      if (yes === false) return reply(accountText(locale, 'changeCancelled'));
    }
    const request = limitRequestIn(text);
    if (request) return this.limitRequest(conversation, request);
    if (conversation.mode !== 'bot') return PASS;
    if (triage.reason === 'dispute') return this.dispute(conversation, text);
    const personal = triage.reason === undefined && !triage.checkIn && PERSONAL.test(matchText(text));
    if (triage.reason !== 'account_specific' && !personal) return PASS;
    const question = accountQuestion(text, this.deps.findArticles(text, locale));
    if (!question) return PASS;
    const snapshot = await this.read(conversation.playerId);
    if (!snapshot) return { kind: 'handoff', reason: 'account_specific', facts: {} };
    return this.answer(conversation, question, snapshot, text);
  }

  private answer(conversation: Conversation, question: AccountQuestion, snapshot: PlayerSnapshot, text: string): SelfServiceOutcome {
    const { locale } = conversation;
    const facts = accountFacts(question, snapshot, text, locale);
    // A player showing signs of harm gets their figures, never the bonus terms around them.
    const promotional = conversation.rgFlag === 'true' && facts.articleId?.startsWith('bonus-');
    const quote = facts.articleId && !promotional ? this.deps.quote(facts.articleId, text, locale) : undefined;
    const asOf = accountText(locale, 'asOf', { time: new AccountFormat(locale).moment(snapshot.readAt) });
    return {
      kind: 'reply',
      text: [facts.sentences.join(' '), quote?.text, asOf].filter(Boolean).join('\n\n'),
      citations: quote ? [quote.citation] : [],
      actions: answerActions(locale),
      accountData: { readAt: snapshot.readAt, shown: facts.shown },
    };
  }

  /** A complaint about a listed withdrawal or bonus: the item, as the API lists it, goes to the agent as a fact. */
  private async dispute(conversation: Conversation & { playerId: string }, text: string): Promise<SelfServiceOutcome> {
    const question = accountQuestion(text, this.deps.findArticles(text, conversation.locale));
    if (question?.topic !== 'withdrawal' && question?.topic !== 'bonus') return PASS;
    const snapshot = await this.read(conversation.playerId);
    if (!snapshot) return PASS;
    const { player, readAt } = snapshot;
    if (question.topic === 'withdrawal') {
      const [item] = withdrawalsMeant(player.withdrawals, text, true);
      if (!item) return PASS;
      const facts: Facts = {
        reference: item.id,
        amount: `${item.amount} ${item.currency}`,
        method: item.method,
        when: item.requestedAt,
        item: `withdrawal ${item.id}: ${item.amount} ${item.currency} by ${item.method}, requested ${item.requestedAt}, status ${item.status}${item.reason ? ` (${item.reason})` : ''}; read from the player API at ${readAt}`,
      };
      return { kind: 'handoff', reason: 'dispute', facts };
    }
    const [item] = bonusesMeant(player.bonuses, text, true);
    if (!item) return PASS;
    const facts: Facts = {
      reference: item.id,
      amount: `${item.wageringLeft}/${item.wageringTotal} ${player.currency} wagering left`,
      item: `bonus ${item.id} "${item.name}": status ${item.status}${item.reason ? ` (${item.reason})` : ''}, wagering ${item.wageringLeft} of ${item.wageringTotal} ${player.currency} left${item.expiresAt ? `, expires ${item.expiresAt}` : ''}; read from the player API at ${readAt}`,
      when: readAt,
    };
    return { kind: 'handoff', reason: 'dispute', facts };
  }

  private async limitRequest(conversation: Conversation & { playerId: string }, request: LimitRequest): Promise<SelfServiceOutcome> {
    const { locale } = conversation;
    const toAgent = (description: string): SelfServiceOutcome => ({ kind: 'handoff', reason: 'responsible_gambling', facts: { request: description }, intro: accountText(locale, 'onlyAgentLoosens') });
    if (request.kind === 'raise') return toAgent(`raise or remove the ${request.period ?? ''} deposit limit`.replace(/ {2}/, ' '));
    if (request.kind === 'end_timeout') return toAgent('end the time-out early');
    if (request.kind === 'timeout_length') return { kind: 'reply', text: accountText(locale, 'timeoutHowLong'), citations: [], actions: breakLengthActions(locale) };
    const snapshot = await this.read(conversation.playerId);
    if (!snapshot) return { kind: 'handoff', reason: 'responsible_gambling', facts: { request: describe(request.action) } };
    const { limits, currency } = snapshot.player;
    if (!isSaferChange(request.action, limits)) return toAgent(describe(request.action));
    // A player showing signs of harm protects themselves in one step; anyone else confirms the exact change first.
    const change = { action: request.action, currency };
    if (conversation.rgFlag === 'true') return this.apply(conversation, change);
    await this.deps.setPendingChange(conversation.key, change);
    const format = new AccountFormat(locale);
    const confirm =
      request.action.kind === 'timeout'
        ? accountText(locale, 'confirmTimeout', { days: request.action.days, date: format.moment(new Date(Date.now() + request.action.days * 86_400_000).toISOString()) })
        : accountText(locale, 'confirmLimit', {
            period: accountText(locale, PERIOD_TEXT[request.action.period]),
            amount: format.money(request.action.amount, currency),
            current: limits[limitField(request.action.period)] === null ? accountText(locale, 'noLimit') : format.money(limits[limitField(request.action.period)]!, currency),
          });
    const actions = (['actionYes', 'actionNo'] as const).map((key) => ({ title: accountText(locale, key), value: accountText(locale, key) }));
    return { kind: 'reply', text: confirm, citations: [], actions, accountData: { readAt: snapshot.readAt, shown: { limits } } };
  }

  private async apply(conversation: Conversation & { playerId: string }, { action, currency }: PendingChange): Promise<SelfServiceOutcome> {
    const { locale, playerId } = conversation;
    let limits: Limits;
    try {
      limits = action.kind === 'timeout' ? await this.deps.account.startTimeout(playerId, action.days) : await this.deps.account.setDepositLimit(playerId, action.period, action.amount);
    } catch (error) {
      this.deps.onFailure('change limits', error);
      // The player asked to be protected: a person makes the change when the API cannot.
      return { kind: 'handoff', reason: 'responsible_gambling', facts: { request: describe(action) } };
    }
    const format = new AccountFormat(locale);
    const readAt = new Date().toISOString();
    if (action.kind === 'timeout') {
      const until = limits.timeoutUntil ?? new Date(Date.now() + action.days * 86_400_000).toISOString();
      return { ...reply(accountText(locale, 'timeoutStarted', { date: format.moment(until) })), accountData: { readAt, shown: { limits } } };
    }
    const now = limits[limitField(action.period)];
    const text = accountText(locale, 'limitSet', { period: accountText(locale, PERIOD_TEXT[action.period]), amount: now === null ? accountText(locale, 'noLimit') : format.money(now, currency) });
    return { ...reply(text), accountData: { readAt, shown: { limits } } };
  }

  private async read(playerId: string): Promise<PlayerSnapshot | undefined> {
    try {
      return await this.deps.account.snapshot(playerId);
    } catch (error) {
      this.deps.onFailure('read the player', error);
      return undefined;
    }
  }
}

/** One button per usual length of a break; each names the exact change, so a tap is the request itself. */
export function breakLengthActions(locale: Locale): Action[] {
  return BREAK_LENGTHS.map((days) => {
    const title = accountText(locale, 'breakDays', { days });
    return { title, value: title };
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function reply(text: string): SelfServiceOutcome & { kind: 'reply' } {
  return { kind: 'reply', text, citations: [], actions: [] };
}

const PERIOD_TEXT = { daily: 'periodDaily', weekly: 'periodWeekly', monthly: 'periodMonthly' } as const;

/** The change as an agent reads it in the ticket's facts. */
function describe(action: LimitAction): string {
  return action.kind === 'timeout' ? `start a ${action.days}-day time-out` : `set the ${action.period} deposit limit to ${action.amount}`;
}
