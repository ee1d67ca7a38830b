/**
 * The one detector of personal data in free text: card numbers (however they are written), a CVV
 * after a card or named as one, IBANs, passport numbers named as such, e-mail addresses and phone
 * numbers. The transcript masks what it must not keep (`maskForStorage`); the model gets none of it
 * (src/llm/redact.ts); the output policy refuses model output that shows someone else's.
 */

export type PersonalDataKind = 'card' | 'masked_card' | 'cvv' | 'iban' | 'masked_iban' | 'passport' | 'email' | 'phone';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  start: number;
  end: number;
  /** Comparable form: digits (and letters for IBANs and passports) only, e-mails in lower case. */
  value: string;
}

/** Full-width forms and unusual spaces, folded one UTF-16 unit for one, so positions stay the same. */
function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ' ';
  });
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function passesIbanCheck(iban: string): boolean {
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of rearranged) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

/** Digits joined by the separators people put in card numbers: spaces, dots, dashes, underscores. */
const DIGIT_RUN = /(?<![\p{L}\p{N}])\d(?:[\s.\-–—_·]{0,3}\d)*/gu;
const CARD_DIGITS = { min: 13, max: 19 };

/** Card numbers: 13–19 digits that pass Luhn, starting and ending at a group boundary of a digit run. */
function findCards(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const groups = [...run[0].matchAll(/\d+/g)].map((g) => ({ start: run.index + g.index, end: run.index + g.index + g[0].length, digits: g[0] }));
    for (let first = 0; first < groups.length; ) {
      let card: PersonalDataMatch | undefined;
      let digits = '';
      let last = first;
      for (; last < groups.length && digits.length + groups[last]!.digits.length <= CARD_DIGITS.max; last++) {
        digits += groups[last]!.digits;
        if (digits.length >= CARD_DIGITS.min && passesLuhn(digits)) card = { kind: 'card', start: groups[first]!.start, end: groups[last]!.end, value: digits };
      }
      if (card) {
        found.push(card);
        first = groups.findIndex((g) => g.start >= card.end);
        if (first < 0) break;
      } else first++;
    }
  }
  return found;
}

const CURRENCY_AFTER = /^\s*(?:eur|euros?|usd|dollars?|azn|manat|avro|евро|доллар|манат|руб|tl|lira|[€$₼£₺%])/iu;
/** Three or four digits right after a card, perhaps after an expiry date: a CVV, unless it is an amount. */
const CVV_AFTER_CARD = /^[\s,;/|]{1,3}(?:\d{1,2}\s?[/.-]\s?\d{2,4}[\s,;/|]{1,3})?(\d{3,4})(?!\d)/;
const NAMED_CVV = /(?<![\p{L}])(?:cvv2?|cvc2?|csc|cvn|security code|код безопасности|(?:cvv|cvc)[- ]?(?:код|kodu?))[\s:=#.\-–—]*(?:is|это|kodu)?[\s:=#]*(\d{3,4})(?!\d)/giu;
/** Country, check digits, then the account in groups of four (written together or one space or dash apart). */
const IBAN_CANDIDATE = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,4})?(?![\p{L}\p{N}])/gu;
const MASKED_CARD = /(?<!\d)\d{6}\*{3,9}\d{4}(?!\d)/g;
const MASKED_IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}\*{4,}[A-Z0-9]{4}(?![\p{L}\p{N}])/gu;
const PASSPORT =
  /(?<![\p{L}])(?:passport|pasport|паспорт|pasaport|şəxsiyyət vəsiqəsi|sexsiyyet vesiqesi|vəsiqə|vesiqe|kimlik|id card|national id)\p{L}*[^\p{N}\n]{0,30}?((?<![\p{L}])(?:\p{L}{1,3}[ -]?)?\d(?:[ -]?\d){5,11}|\d{2} ?\d{2}[^\p{N}\n]{1,10}?\d{6})(?!\d)/giu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const PHONE = /(?<![\p{L}\p{N}])\+?\d[\d ()-]{7,}\d(?![\p{L}\p{N}])/gu;

function findIbans(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const match of text.matchAll(IBAN_CANDIDATE)) {
    // The last groups may be a following word ("… 1944 please"): the longest prefix with a valid checksum is the IBAN.
    for (let end = match[0].length; end >= 15; end--) {
      if (end < match[0].length && !/[ -]/.test(match[0][end]!)) continue;
      const compact = match[0].slice(0, end).replace(/[ -]/g, '').toUpperCase();
      if (compact.length >= 15 && passesIbanCheck(compact)) {
        found.push({ kind: 'iban', start: match.index, end: match.index + end, value: compact });
        break;
      }
    }
  }
  return found;
}

function groupMatches(text: string, pattern: RegExp, kind: PersonalDataKind, value: (m: string) => string): PersonalDataMatch[] {
  return [...text.matchAll(pattern)].map((m) => {
    const group = m[1] ?? m[0];
    const start = m.index + m[0].lastIndexOf(group);
    return { kind, start, end: start + group.length, value: value(group) };
  });
}

/** Every piece of personal data in the text, in order, none overlapping (IBANs, with their checksum, win over cards, cards over the rest). */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const folded = foldWidth(text);
  const cards = findCards(folded);
  const cvvs = cards.flatMap((card) => {
    const rest = folded.slice(card.end, card.end + 40);
    const cvv = CVV_AFTER_CARD.exec(rest);
    if (!cvv || CURRENCY_AFTER.test(rest.slice(cvv[0].length))) return [];
    const start = card.end + cvv[0].length - cvv[1]!.length;
    return [{ kind: 'cvv' as const, start, end: start + cvv[1]!.length, value: cvv[1]! }];
  });
  const digitsOnly = (m: string) => m.replace(/\D/g, '');
  const candidates = [
    ...findIbans(folded),
    ...cards,
    ...cvvs,
    ...groupMatches(folded, NAMED_CVV, 'cvv', digitsOnly),
    ...groupMatches(folded, MASKED_CARD, 'masked_card', (m) => m),
    ...groupMatches(folded, MASKED_IBAN, 'masked_iban', (m) => m),
    ...groupMatches(folded, PASSPORT, 'passport', (m) => m.replace(/[ -]/g, '').toUpperCase()),
    ...groupMatches(folded, EMAIL, 'email', (m) => m.toLowerCase()),
    ...groupMatches(folded, PHONE, 'phone', digitsOnly).filter((m) => m.value.length >= 9),
  ];
  const kept: PersonalDataMatch[] = [];
  for (const candidate of candidates) {
    if (!kept.some((k) => candidate.start < k.end && k.start < candidate.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The text with each match replaced (matches the callback returns undefined for are kept). */
export function replacePersonalData(text: string, replace: (match: PersonalDataMatch, original: string) => string | undefined): string {
  let result = '';
  let at = 0;
  for (const match of findPersonalData(text)) {
    const replacement = replace(match, text.slice(match.start, match.end));
    if (replacement === undefined) continue;
    result += text.slice(at, match.start) + replacement;
    at = match.end;
  }
  return result + text.slice(at);
}

/**
 * What the transcript keeps: a card keeps its first 6 and last 4 digits (as PCI DSS allows), an
 * IBAN its country, check digits and last 4, a passport number its last 2; a CVV keeps nothing.
 * E-mails and phone numbers stay: agents need them to reach the player.
 */
export function maskForStorage(text: string): string {
  return replacePersonalData(text, ({ kind, value }) => {
    switch (kind) {
      case 'card':
        return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
      case 'iban':
        return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
      case 'passport':
        return `${'*'.repeat(value.length - 2)}${value.slice(-2)}`;
      case 'cvv':
        return '***';
      default:
        return undefined;
    }
  });
}
