import type { DepositPeriod, LimitAction } from '../../core/player.js';
import { matchText } from '../../knowledge/analysis.js';

/**
 * What a verified player asks the bot to do about their responsible-gambling limits: an exact
 * change (lower a deposit limit, take a break of so many days), or something only a person may do
 * (raise or remove a limit, end a time-out early). Read in en, ru, az and tr, on `matchText`
 * (lower case, Azerbaijani letters folded to ASCII), so "günlük" is written "gunluk" here.
 */
export type LimitRequest =
  | { kind: 'change'; action: LimitAction }
  | { kind: 'raise'; period?: DepositPeriod }
  | { kind: 'end_timeout' }
  /** A break, but not how long: the bot offers the usual lengths. */
  | { kind: 'timeout_length' };

const LIMIT = /\blimit|лимит|ограничени/u;
const DEPOSIT = /deposit|депозит|пополнени|depozit|yatir/u;
/** Limits that are not the player's own protection: withdrawal and bet limits are questions, not requests. */
const OTHER_LIMITS = /withdraw|cash ?out|payout|вывод|выплат|cixaris|odenis limit|\bbet|stake|ставк|merc|bahis|max(?:imum)? win/u;
const TIMEOUT = /time-?out|\bbreak\b|\bpause\b|cool(?:ing)?[- ]?off|тайм-?аут|перерыв|пауз|fasile|\bara ver|mola/u;
/** Raise, remove, lift: the directions that make a player less protected by a limit. */
const LOOSEN_LIMIT =
  /\b(?:raise|increase|higher|bigger|remove|lift|delete|cancel|disable|turn off|get rid|unlock)\b|повыс|увелич|подня|выше|больше|снять|сними|сним|убер|убра|удали|отмен|отключ|artir|qaldir|yuksel|legv|sil\b|kaldir|iptal/u;
/** Ending a break early. */
const END_TIMEOUT = /\b(?:end|stop|lift|remove|cancel|finish|undo|unblock|unlock)\b|early|досрочно|снять|сними|отмен|законч|прекрат|убер|убра|разблок|legv|bitir|dayandir|kaldir|iptal|erken/u;
const PERIODS: Array<[DepositPeriod, RegExp]> = [
  ['daily', /dail|\bday\b|\ba day|per day|дневн|в день|сутк|суточн|gundelik|gunluk|gunde/u],
  ['weekly', /week|недел|heftelik|heftede|haftalik/u],
  ['monthly', /month|месяч|в месяц|ayliq|ayda|aylik/u],
];
/** An amount: digits with an optional decimal part and "k" for thousands. */
const AMOUNT = /(?<![\p{L}\d])(\d{1,9}(?:[.,]\d{1,2})?)\s?(k|к)?(?!\p{L})/u;
const DURATION: Array<[number, RegExp]> = [
  [1, /(\d{1,3})\s?(?:days?|d\b|дн|день|дня|сут|gun)/u],
  [7, /(\d{1,2})\s?(?:weeks?|недел|hefte|hafta)/u],
  [30, /(\d{1,2})\s?(?:months?|месяц|ay\b|ayliq)/u],
];
const HOURS = /(\d{1,3})\s?(?:hours?|h\b|час|saat)/u;
const ONE: Array<[number, RegExp]> = [
  [1, /\b(?:a|one) day\b|(?<!\p{L})(?:день|сутки)(?!\p{L})|\bbir gun/u],
  [7, /\b(?:a|one) week\b|(?<!\p{L})неделю(?!\p{L})|\bbir hefte/u],
  [30, /\b(?:a|one) month\b|(?<!\p{L})месяц(?!\p{L})|\bbir ay\b/u],
];

function periodIn(text: string): DepositPeriod | undefined {
  return PERIODS.find(([, pattern]) => pattern.test(text))?.[0];
}

function amountIn(text: string): number | undefined {
  const match = AMOUNT.exec(text.replace(/(\d)[\s ](\d{3})\b/gu, '$1$2'));
  if (!match?.[1]) return undefined;
  const value = Number(match[1].replace(',', '.'));
  return match[2] ? value * 1000 : value;
}

function daysIn(text: string): number | undefined {
  for (const [unit, pattern] of DURATION) {
    const n = pattern.exec(text)?.[1];
    if (n) return Number(n) * unit;
  }
  const hours = HOURS.exec(text)?.[1];
  if (hours) return Math.max(1, Math.ceil(Number(hours) / 24));
  return ONE.find(([, pattern]) => pattern.test(text))?.[0];
}

/** The limit request in a message, if it is one. */
export function limitRequestIn(message: string): LimitRequest | undefined {
  const text = matchText(message);
  if (TIMEOUT.test(text)) {
    if (END_TIMEOUT.test(text)) return { kind: 'end_timeout' };
    const days = daysIn(text);
    if (days === undefined || days < 1 || days > 365) return { kind: 'timeout_length' };
    return { kind: 'change', action: { kind: 'timeout', days } };
  }
  if (!LIMIT.test(text) || OTHER_LIMITS.test(text)) return undefined;
  const period = periodIn(text);
  if (LOOSEN_LIMIT.test(text)) return period ? { kind: 'raise', period } : { kind: 'raise' };
  if (!DEPOSIT.test(text) && !period) return undefined;
  const amount = amountIn(text.replace(DURATION[0]![1], ''));
  if (amount === undefined) return undefined;
  // Without a period, the daily limit: the confirmation names it, so a player who meant another says no.
  return { kind: 'change', action: { kind: 'deposit_limit', period: period ?? 'daily', amount } };
}

const YES = /^(?:yes|yep|yeah|y|sure|ok(?:ay)?|confirm(?:ed)?|do it|да|ага|угу|подтверждаю|подтвердить|хорошо|давай(?:те)?|beli|he|tesdiq(?:leyirem)?|evet|tamam)[.!]*$/u;
const NO = /^(?:no|nope|n|cancel|don'?t|нет|не надо|отмена|отменить|xeyr|yox|hayir|iptal)[.!]*$/u;

/** The player's answer to "shall I make this change?": yes, no, or something else (`undefined`). */
export function confirmationIn(message: string): boolean | undefined {
  const text = matchText(message).replace(/[.!]+$/u, '');
  if (YES.test(text)) return true;
  if (NO.test(text)) return false;
  return undefined;
}
