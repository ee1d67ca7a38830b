import { type CountryCode, findPhoneNumbersInText, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/** A phone number a player gave, checked against the numbering plan of its country. */
export interface PhoneNumber {
  /** E.164, e.g. +994501234567: what a `tel:` link dials. */
  e164: string;
  /** As people write it, e.g. +994 50 123 45 67. */
  international: string;
}

export type { CountryCode };

export function isCountryCode(code: string): code is CountryCode {
  return isSupportedCountry(code);
}

/**
 * The valid phone number in a message, if there is exactly one way to read it: written whole
 * ("+994 50 123 45 67", "00994…"), or national ("050 123 45 67") when the operator set a default
 * country. Numbers that cannot exist in their country's plan are not numbers.
 */
export function phoneIn(text: string, defaultCountry?: CountryCode): PhoneNumber | undefined {
  const written = text.replace(/(^|[^\d+])00(?=[1-9])/g, '$1+');
  const found = findPhoneNumbersInText(written, defaultCountry ? { defaultCountry } : undefined).map((match) => match.number);
  const whole = parsePhoneNumberFromString(written.trim(), defaultCountry);
  const number = found.length === 1 ? found[0] : found.length === 0 && whole?.isValid() ? whole : undefined;
  if (!number?.isValid()) return undefined;
  return { e164: number.number, international: number.formatInternational() };
}

/** A stored E.164 number as people read it (+994 50 123 45 67); as stored when it cannot be read. */
export function internationalForm(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** A number as logs and lists may show it: country code and the last two digits, e.g. +994*******67. */
export function maskPhone(e164: string): string {
  const number = parsePhoneNumberFromString(e164);
  const code = number ? `+${number.countryCallingCode}` : e164.slice(0, 3);
  const rest = e164.slice(code.length);
  return `${code}${'*'.repeat(Math.max(0, rest.length - 2))}${rest.slice(-2)}`;
}
