import { CARD_NUMBER_CANDIDATE, passesLuhn } from '../conversation/card-numbers.js';

/**
 * Personal data that never goes to a model or into a log: card numbers (any 13–19 digit run that
 * passes Luhn), e-mail addresses and phone numbers are replaced with a placeholder.
 */
/** A card number already masked for the transcript (first 6, last 4) is still not the model's business. */
const MASKED_CARD = /\b\d{6}\*{3,9}\d{4}\b/g;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE = /(?<![\p{L}\p{N}])\+?\d[\d ()-]{7,}\d(?![\p{L}\p{N}])/gu;

export function redact(text: string): string {
  return text
    .replace(MASKED_CARD, '[card number]')
    .replace(CARD_NUMBER_CANDIDATE, (match) => (passesLuhn(match.replace(/\D/g, '')) ? '[card number]' : match))
    .replace(EMAIL, '[e-mail]')
    .replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 9 ? '[phone number]' : match));
}
