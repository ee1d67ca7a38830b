import { type AccountMessageKey, accountText } from '../../core/account-messages.js';
import type { Bonus, PlayerSnapshot, Withdrawal } from '../../core/player.js';
import type { Locale } from '../../core/schemas.js';
import { matchText } from '../../knowledge/analysis.js';

export type AccountTopic = 'withdrawal' | 'bonus' | 'balance' | 'verification' | 'limits';

/** What the articles a question finds say it is about; the article content staff wrote decides, not a word list. */
const TOPIC_OF_ARTICLE: Record<string, AccountTopic> = {
  'payments-withdrawal-times': 'withdrawal',
  'payments-withdrawal-rejected': 'withdrawal',
  'bonus-wagering': 'bonus',
  'bonus-forfeited': 'bonus',
  'bonus-welcome': 'bonus',
  'bonus-free-spins': 'bonus',
  'bonus-cashback-loyalty': 'bonus',
  'account-verification': 'verification',
  'rg-tools': 'limits',
  'rg-self-exclusion': 'limits',
};
/** Articles about what went wrong: a question they answer is about a rejected withdrawal or a removed bonus. */
const ABOUT_TROUBLE = new Set(['payments-withdrawal-rejected', 'bonus-forfeited']);
/**
 * A question is about trouble only when the trouble article clearly beats the best other article of
 * its topic: "how much wagering is left" finds the removal article too, nearly as well.
 */
const TROUBLE_MARGIN = 0.8;
/** No article is about "my balance" as such. */
const BALANCE = /balan[cs]|баланс|bakiye|на счету|на счёте/u;

/** An article a question found, and its rank score (comparable within the question). */
export interface FoundArticle {
  articleId: string;
  score: number;
}

export interface AccountQuestion {
  topic: AccountTopic;
  /** The question is about something that went wrong (a rejection, a removal). */
  trouble: boolean;
}

/** The account topic of a question, from the articles it finds (best first), or undefined when the best is about none. */
export function accountQuestion(text: string, found: readonly FoundArticle[]): AccountQuestion | undefined {
  if (BALANCE.test(matchText(text))) return { topic: 'balance', trouble: false };
  // Only the best article decides: a question about roulette that finds a bonus article fourth is not about the player's bonus.
  const [best] = found;
  const topic = best && TOPIC_OF_ARTICLE[best.articleId];
  if (!best || !topic) return undefined;
  if (!ABOUT_TROUBLE.has(best.articleId)) return { topic, trouble: false };
  const other = found.find((hit) => TOPIC_OF_ARTICLE[hit.articleId] === topic && !ABOUT_TROUBLE.has(hit.articleId));
  return { topic, trouble: other === undefined || other.score < best.score * TROUBLE_MARGIN };
}

/** The data sentences of a reply, the article whose policy goes with them, and the data shown (for the case file). */
export interface AccountFacts {
  sentences: string[];
  articleId?: string;
  shown: Record<string, unknown>;
}

const OPEN_WITHDRAWAL = new Set<Withdrawal['status']>(['pending', 'processing', 'approved']);
const WITHDRAWAL_TEXT: Record<Withdrawal['status'], AccountMessageKey> = {
  pending: 'withdrawalPending',
  processing: 'withdrawalProcessing',
  approved: 'withdrawalApproved',
  paid: 'withdrawalPaid',
  rejected: 'withdrawalRejected',
  cancelled: 'withdrawalCancelled',
};
const DOCUMENTS: Record<string, AccountMessageKey> = {
  proof_of_address: 'docProofOfAddress',
  proof_of_identity: 'docProofOfIdentity',
  id_document: 'docProofOfIdentity',
  identity: 'docProofOfIdentity',
  selfie: 'docSelfie',
  proof_of_payment: 'docProofOfPayment',
  payment_method: 'docProofOfPayment',
  source_of_funds: 'docSourceOfFunds',
};
/** At most this many items of one kind in a reply: the rest are in the cashier. */
const MAX_ITEMS = 3;

export class AccountFormat {
  constructor(readonly locale: Locale) {}

  private get tag(): string {
    return this.locale === 'en' ? 'en-GB' : this.locale;
  }

  money(amount: number, currency: string): string {
    try {
      return new Intl.NumberFormat(this.tag, { style: 'currency', currency, minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 }).format(amount);
    } catch {
      return `${amount} ${currency}`;
    }
  }

  day(iso: string): string {
    return new Intl.DateTimeFormat(this.tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
  }

  /** A moment to the minute, in UTC and saying so. */
  moment(iso: string): string {
    return `${new Intl.DateTimeFormat(this.tag, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(new Date(iso))} UTC`;
  }
}

/** The items the question names by id (or, for bonuses, by name), if it names any. */
function named<T extends { id: string; name?: string }>(items: T[], text: string): T[] {
  const asked = matchText(text);
  return items.filter((item) => asked.includes(item.id.toLowerCase()) || (item.name !== undefined && item.name.length > 3 && asked.includes(matchText(item.name))));
}

const newestFirst = <T>(items: T[], at: (item: T) => string) => [...items].sort((a, b) => at(b).localeCompare(at(a)));

/** The withdrawals a question is about: named ones; else the rejected one when it asks about a rejection; else the open ones; else the latest. */
export function withdrawalsMeant(all: Withdrawal[], text: string, trouble: boolean): Withdrawal[] {
  const sorted = newestFirst(all, (w) => w.requestedAt);
  const byName = named(sorted, text);
  if (byName.length > 0) return byName.slice(0, MAX_ITEMS);
  const rejected = sorted.filter((w) => w.status === 'rejected');
  if (trouble && rejected.length > 0) return rejected.slice(0, 1);
  const open = sorted.filter((w) => OPEN_WITHDRAWAL.has(w.status));
  return (open.length > 0 ? open : sorted).slice(0, open.length > 0 ? MAX_ITEMS : 1);
}

/** The bonuses a question is about, by the same rule: named, removed ones for a question about removal, active ones, the latest. */
export function bonusesMeant(all: Bonus[], text: string, trouble: boolean): Bonus[] {
  const sorted = [...all].reverse();
  const byName = named(sorted, text);
  if (byName.length > 0) return byName.slice(0, MAX_ITEMS);
  const lost = sorted.filter((b) => b.status === 'forfeited' || b.status === 'expired');
  if (trouble && lost.length > 0) return lost.slice(0, 1);
  const active = sorted.filter((b) => b.status === 'active');
  return (active.length > 0 ? active : sorted).slice(0, active.length > 0 ? MAX_ITEMS : 1);
}

/** Composes what the player's data says about the question, in their language: never a figure the data does not hold. */
export function accountFacts(question: AccountQuestion, snapshot: PlayerSnapshot, text: string, locale: Locale): AccountFacts {
  const { player } = snapshot;
  const format = new AccountFormat(locale);
  const say = (key: AccountMessageKey, params: Record<string, string | number> = {}) => accountText(locale, key, params);
  const withReason = (sentence: string, reason: string | undefined) => (reason ? `${sentence} ${say('reason', { reason })}` : sentence);

  const describeWithdrawal = (w: Withdrawal) =>
    withReason(say(WITHDRAWAL_TEXT[w.status], { amount: format.money(w.amount, w.currency), method: w.method, date: format.day(w.requestedAt) }), w.status === 'rejected' ? w.reason : undefined);
  const describeBonus = (b: Bonus) => {
    const params = { name: b.name, left: format.money(b.wageringLeft, player.currency), total: format.money(b.wageringTotal, player.currency), date: b.expiresAt ? format.day(b.expiresAt) : '' };
    if (b.status === 'active') return [say('bonusActive', params), b.expiresAt ? say('bonusDeadline', params) : ''].filter(Boolean).join(' ');
    if (b.status === 'completed') return say('bonusCompleted', params);
    if (b.status === 'expired') return withReason(say('bonusExpired', params), b.reason);
    return withReason(say('bonusForfeited', params), b.reason);
  };

  switch (question.topic) {
    case 'withdrawal': {
      const meant = withdrawalsMeant(player.withdrawals, text, question.trouble);
      if (meant.length === 0) return { sentences: [say('noWithdrawals')], articleId: 'payments-withdrawal-times', shown: { withdrawals: [] } };
      const rejected = meant.every((w) => w.status === 'rejected');
      return { sentences: meant.map(describeWithdrawal), articleId: rejected ? 'payments-withdrawal-rejected' : 'payments-withdrawal-times', shown: { withdrawals: meant } };
    }
    case 'bonus': {
      const meant = bonusesMeant(player.bonuses, text, question.trouble);
      if (meant.length === 0) {
        return { sentences: [say('noBonus')], articleId: 'bonus-wagering', shown: { bonuses: meant } };
      }
      const lost = meant.every((b) => b.status === 'forfeited' || b.status === 'expired');
      return { sentences: meant.map(describeBonus), articleId: lost ? 'bonus-forfeited' : 'bonus-wagering', shown: { bonuses: meant } };
    }
    case 'balance': {
      const active = player.bonuses.filter((b) => b.status === 'active').slice(0, MAX_ITEMS);
      const open = withdrawalsMeant(player.withdrawals, '', false).filter((w) => OPEN_WITHDRAWAL.has(w.status));
      const sentences = [say('balance', { cash: format.money(player.balance.cash, player.currency), bonus: format.money(player.balance.bonus, player.currency) }), ...active.map(describeBonus), ...open.map(describeWithdrawal)];
      return { sentences, articleId: player.balance.bonus > 0 && active.length > 0 ? 'bonus-wagering' : undefined, shown: { balance: player.balance, currency: player.currency, bonuses: active, withdrawals: open } };
    }
    case 'verification': {
      const { kyc } = player;
      const date = kyc.updatedAt ? format.day(kyc.updatedAt) : '—';
      const status: Record<typeof kyc.status, AccountMessageKey> = { not_started: 'kycNotStarted', pending: 'kycPending', verified: 'kycVerified', rejected: 'kycRejected' };
      const sentences = [say(status[kyc.status], { date })];
      if (kyc.status !== 'verified' && kyc.missing.length > 0) {
        const documents = kyc.missing.map((code) => (DOCUMENTS[code] ? say(DOCUMENTS[code]) : code.replace(/_/g, ' '))).join(', ');
        sentences.push(say('kycMissing', { documents }));
      }
      return { sentences, articleId: 'account-verification', shown: { kyc } };
    }
    case 'limits': {
      const { limits } = player;
      const amount = (value: number | null) => (value === null ? say('noLimit') : format.money(value, player.currency));
      const sentences = [say('limits', { daily: amount(limits.depositDaily), weekly: amount(limits.depositWeekly), monthly: amount(limits.depositMonthly) })];
      const now = Date.now();
      if (limits.timeoutUntil && Date.parse(limits.timeoutUntil) > now) sentences.push(say('onTimeout', { date: format.moment(limits.timeoutUntil) }));
      if (limits.selfExcludedUntil && Date.parse(limits.selfExcludedUntil) > now) sentences.push(say('selfExcluded', { date: format.day(limits.selfExcludedUntil) }));
      return { sentences, articleId: 'rg-tools', shown: { limits, currency: player.currency } };
    }
  }
}
