/**
 * Full card numbers never enter the transcript: a 13–19 digit run (spaces or dashes allowed) that
 * passes the Luhn check keeps its first 6 and last 4 digits, as PCI DSS allows.
 */
export const CARD_NUMBER_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;

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

export function maskCardNumbers(text: string): string {
  return text.replace(CARD_NUMBER_CANDIDATE, (match) => {
    const digits = match.replace(/\D/g, '');
    if (!passesLuhn(digits)) return match;
    return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
  });
}
