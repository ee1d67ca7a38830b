import { describe, expect, it } from 'vitest';
import { maskForStorage } from '../../src/core/personal-data.js';
import { redact } from '../../src/llm/redact.js';

describe('masking in the transcript', () => {
  it.each([
    ['dots', 'card 4111.1111.1111.1111 thanks', 'card 411111******1111 thanks'],
    ['full-width digits', 'card ４１１１ １１１１ １１１１ １１１１ ok', 'card 411111******1111 ok'],
    ['a space between every digit', 'card 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 ok', 'card 411111******1111 ok'],
    ['double, no-break and dash separators', 'card 4111  1111\u00a01111-1111.', 'card 411111******1111.'],
  ])('keeps only the first six and last four digits of a card written with %s', (_how, text, stored) => {
    expect(maskForStorage(text)).toBe(stored);
  });

  it('removes a CVV written after a card, with or without an expiry date or a label', () => {
    expect(maskForStorage('my card 4111 1111 1111 1111 123')).toBe('my card 411111******1111 ***');
    expect(maskForStorage('4111111111111111 12/27 123')).toBe('411111******1111 12/27 ***');
    expect(maskForStorage('card 5500-0000-0000-0004 exp 12/27 cvv 456')).toBe('card 550000******0004 exp 12/27 cvv ***');
    expect(maskForStorage('CVV-код: 789')).toBe('CVV-код: ***');
  });

  it('keeps an amount written after a card', () => {
    expect(maskForStorage('card 4111 1111 1111 1111, 200 EUR missing')).toBe('card 411111******1111, 200 EUR missing');
  });

  it('keeps the country, check digits and last four characters of an IBAN, however it is written', () => {
    expect(maskForStorage('IBAN AZ21 NABZ 0000 0000 1370 1000 1944 please')).toBe('IBAN AZ21********************1944 please');
    expect(maskForStorage('iban az21nabz00000000137010001944')).toBe('iban AZ21********************1944');
    expect(maskForStorage('GB82 WEST 1234 5698 7654 32')).toBe('GB82**************5432');
  });

  it('keeps only the last two characters of a passport or ID card number', () => {
    expect(maskForStorage('my passport number is AB1234567')).toBe('my passport number is *******67');
    expect(maskForStorage('паспорт серия 4510 номер 123456')).toBe('паспорт серия *************56');
    expect(maskForStorage('şəxsiyyət vəsiqəsi AZE 12345678')).toBe('şəxsiyyət vəsiqəsi *********78');
    expect(maskForStorage('my passport is AB1234567 and IBAN AZ21 NABZ 0000 0000 1370 1000 1944')).toBe('my passport is *******67 and IBAN AZ21********************1944');
  });

  it('leaves round ids, phone numbers, e-mails, dates and numbers that fail the checks alone', () => {
    const text = 'round 1234567890123, ref 88AB12CD, phone +994501234567, mail a.b@mail.example, passport expired 12.05.2025, IBAN AZ21NABZ00000000137010001945';
    expect(maskForStorage(text)).toBe(text);
  });
});

describe('redaction before the model', () => {
  it('replaces cards in any form, CVVs, IBANs, passports, e-mails and phone numbers with placeholders', () => {
    expect(redact('card ４１１１.１１１１.１１１１.１１１１ 123, masked 411111******1111, IBAN AZ21********************1944')).toBe(
      'card [card number] [CVV], masked [card number], IBAN [IBAN]',
    );
    expect(redact('IBAN GB82 WEST 1234 5698 7654 32, passport AB1234567, mail a.b@mail.example, call +994 50 123 45 67, round 88AB12CD')).toBe(
      'IBAN [IBAN], passport [passport number], mail [e-mail], call [phone number], round 88AB12CD',
    );
  });

  it('replaces the session name, whole and word by word, but not words that merely contain it', () => {
    expect(redact('Hi, Ivan Petrov! petrov here. Ivanka is my sister.', { playerName: 'Ivan Petrov' })).toBe('Hi, [name]! [name] here. Ivanka is my sister.');
    expect(redact('Hi, Ivan!', {})).toBe('Hi, Ivan!');
  });
});
