import { type PersonalDataKind, replacePersonalData } from '../core/personal-data.js';

const PLACEHOLDER: Record<PersonalDataKind, string> = {
  card: '[card number]',
  masked_card: '[card number]',
  cvv: '[CVV]',
  iban: '[IBAN]',
  masked_iban: '[IBAN]',
  passport: '[passport number]',
  email: '[e-mail]',
  phone: '[phone number]',
};

/** The session name and each of its words of 3+ letters, as one whole-word pattern (undefined when there is none). */
function namePattern(name: string | undefined): RegExp | undefined {
  const words = (name ?? '').split(/[^\p{L}\p{N}'’-]+/u).filter((word) => [...word].length >= 3);
  const whole = name?.trim();
  const alternatives = [...new Set([whole, ...words].filter((w): w is string => Boolean(w)))].sort((a, b) => b.length - a.length);
  if (alternatives.length === 0) return undefined;
  const escaped = alternatives.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** One turn redacts its whole history with the same name: the pattern is compiled once, not per message. */
let lastName: { name: string | undefined; pattern: RegExp | undefined } | undefined;
function compiledNamePattern(name: string | undefined): RegExp | undefined {
  if (!lastName || lastName.name !== name) lastName = { name, pattern: namePattern(name) };
  return lastName.pattern;
}

/**
 * Personal data never goes to a model or into a log: card numbers (however written, and already
 * masked ones), CVVs, IBANs, passport numbers, e-mail addresses, phone numbers and the player's
 * session name are replaced with a placeholder.
 */
export function redact(text: string, options: { playerName?: string } = {}): string {
  const redacted = replacePersonalData(text, ({ kind }) => PLACEHOLDER[kind]);
  const name = compiledNamePattern(options.playerName);
  return name ? redacted.replace(name, '[name]') : redacted;
}
