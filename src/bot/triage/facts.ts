import type { Facts } from '../../core/facts.js';
import { matchText } from '../../knowledge/analysis.js';


// Repetitions that could share characters are bounded or anchored, so each pattern stays linear in
// the message length: a 4,000-character run of digits or spaces costs what a sentence costs.
const AMOUNT = /(?:[€$₼£]\s?\d[\d\s.,]*|\d[\d.,]{0,24}\s?(?:k\b|eur\b|euros?\b|usd\b|dollars?\b|azn\b|manat\b|avro\b|евро|долл\w*|манат\w*|руб\w*|tl\b))/iu;
// A keyword counts as a whole word: "refusing" is not "ref" followed by the id "using".
const REFERENCE = /(?:(?<!\p{L})(?:round|transaction|txn|trx|ticket|ref(?:erence)?|id|раунд\p{L}*|транзакци\p{L}*|номер|ид|raund\p{L}*|tranzaksiya\p{L}*)(?!\p{L})\s{0,3}(?:id|#|no\.?|№|:)?\s{0,3}[:#№]?\s{0,3})([A-Za-z0-9][A-Za-z0-9-]{3,40})|#([A-Za-z0-9-]{4,40})|\b([A-Z0-9]{0,40}\d[A-Z0-9]{0,40}[A-Z][A-Z0-9]{0,40}|[A-Z]{1,40}\d[A-Z0-9-]{4,40})\b/u;
const WHEN =
  /\b(?:yesterday|today|tonight|this (?:morning|afternoon|evening)|last (?:night|week)|\d+\s*(?:min(?:ute)?s?|hours?|days?) ago|at \d{1,2}(?::\d{2})?\s*(?:am|pm)?|\d{1,2}:\d{2}|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?)\b|(?:вчера|сегодня|позавчера|ночью|утром|вечером|(?<!\d)\d+\s*(?:мин\w*|час\w*|дн\w*) назад|в \d{1,2}(?::\d{2})?)|(?:dunen|bu gun|sragagun|bu seher|bu axsam|(?<!\d)\d+\s*(?:deqiqe|saat|gun) evvel)/iu;
const GAMES =
  /\b(book of demo|roulette|blackjack|baccarat|poker|slots?|live (?:casino|roulette|blackjack)|crash|aviator|sports? ?bet\w*|рулетк\w*|блэкджек\w*|блекджек\w*|баккара\w*|слот\w*|покер\w*|лайв\w*|ruletk\w*|blekcek|slot\w*)\b/iu;
const METHODS = /\b(visa|mastercard|card|skrill|neteller|bank transfer|apple pay|google pay|карт\w*|банк\w*|kart\w*|bank köçürmə\w*|e-?wallet)\b/iu;

/** Pulls the facts an agent needs out of free text; what is not found stays empty. */
export function extractFacts(text: string): Facts {
  const facts: Facts = {};
  const amount = AMOUNT.exec(text)?.[0]?.trim().replace(/[.,\s]+$/u, '');
  if (amount) facts.amount = amount;
  const reference = REFERENCE.exec(text);
  const ref = reference?.[1] ?? reference?.[2] ?? reference?.[3];
  if (ref && !/^\d{1,3}$/.test(ref)) facts.reference = ref;
  const when = WHEN.exec(matchText(text))?.[0];
  if (when) facts.when = when;
  const game = GAMES.exec(text)?.[0];
  if (game) facts.game = game;
  const method = METHODS.exec(text)?.[0];
  if (method) facts.method = method;
  return facts;
}

/** Enough to start on without asking: an amount plus a reference or a time. */
export function factsAreEnough(facts: Facts): boolean {
  return facts.amount !== undefined && (facts.reference !== undefined || facts.when !== undefined);
}

export function mergeFacts(...all: Facts[]): Facts {
  return Object.assign({}, ...all.map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined))));
}
