import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { ownWords, readEmail } from '../../src/channels/email/parse.js';

const mail = (headers: string, body = 'hello') => simpleParser(`${headers}\r\nSubject: test\r\nMessage-ID: <m1@example.com>\r\n\r\n${body}\r\n`);

describe("an e-mail's own words", () => {
  it.each([
    ['an English reply header', 'Yes, it was Visa.\n\nOn Mon, 1 Dec 2026 at 10:00, Support <support@demo.example> wrote:\n> How did you pay?'],
    ['a Russian one', 'Да, картой Visa.\n\nПн, 1 дек. 2026 г. в 10:00, Support <support@demo.example> написал:\n> Как вы платили?'],
    ['an Outlook one', 'Yes, it was Visa.\n\n-----Original Message-----\nFrom: Support\nHow did you pay?'],
    ['a signature', 'Yes, it was Visa.\n-- \nJohn Smith\n+44 20 0000 0000'],
    ['quoted lines', '> How did you pay?\nYes, it was Visa.'],
  ])('leave out %s', (_what, text) => {
    expect(ownWords(text)).toMatch(/^(Yes, it was Visa\.|Да, картой Visa\.)$/);
  });
});

describe('mail nobody should answer', () => {
  it.each([
    ['a bounce', 'From: MAILER-DAEMON@mx.example.com\r\nTo: support@demo.example'],
    ['an auto-reply', 'From: a@example.com\r\nAuto-Submitted: auto-replied'],
    ['an out-of-office', 'From: a@example.com\r\nX-Autoreply: yes'],
    ['bulk mail', 'From: a@example.com\r\nPrecedence: bulk'],
    ['a mailing list', 'From: a@example.com\r\nList-Id: <news.example.com>'],
  ])('%s is not answered', async (_what, headers) => {
    expect(readEmail(await mail(headers))).toEqual({ skip: 'automatic' });
  });

  it('a person writing is', async () => {
    const read = readEmail(await mail('From: Ann <Ann@Example.com>\r\nAuto-Submitted: no'));
    expect(read).toMatchObject({ address: 'ann@example.com', name: 'Ann', text: 'hello', messageId: '<m1@example.com>' });
  });
});
