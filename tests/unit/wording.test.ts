import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AccountMessageKey, accountText } from '../../src/core/account-messages.js';
import { isLocalized, localize, type MessageKey } from '../../src/core/messages.js';
import { formatEta } from '../../src/core/queue-wording.js';
import type { Locale } from '../../src/core/schemas.js';
import { notSureAnswer } from '../../src/knowledge/answer.js';

const LOCALES: Locale[] = ['en', 'ru', 'az', 'tr'];
const MINUTE = 60;
const HOUR = 3600;

/** The keys of a catalog as written in its source (the catalogs themselves are private). */
function catalogKeys(file: string): string[] {
  const source = readFileSync(new URL(`../../src/core/${file}`, import.meta.url), 'utf8');
  return [...source.slice(source.indexOf('const catalog')).matchAll(/^ {2}(\w+): \{/gm)].map((match) => match[1]!);
}

/** Values for every argument any message names, as callers pass them. */
function sampleValues(locale: Locale): Record<string, string | number> {
  return {
    name: ', Anna',
    ticketId: 'T-AB12',
    position: 3,
    wait: waitText(locale, 64 * MINUTE),
    eta: formatEta(locale, 64 * MINUTE),
    agent: 'Anna',
    gender: 'female',
    topics: 2,
    minutes: 5,
    hours: 2,
    email: 'anna@example.com',
    amount: '€50.00',
    method: 'Visa',
    date: '3 May 2025',
    reason: 'KYC',
    left: '€20.00',
    total: '€100.00',
    cash: '€10.00',
    bonus: '€5.00',
    documents: 'ID',
    daily: '€100.00',
    weekly: 'none',
    monthly: 'none',
    time: '3 May, 12:00 UTC',
    period: 'daily',
    current: 'none',
    days: 7,
    example: '+994 50 123 45 67',
    zone: 'GMT+4',
    phone: '+994 50 123 45 67',
    window: localize(locale, 'callbackAsapPhrase'),
    language: 'English',
  };
}

const waitText = (locale: Locale, seconds: number) => localize(locale, 'expectedWait', { eta: formatEta(locale, seconds) });
const queueStatus = (locale: Locale, position: number) => localize(locale, 'queueStatus', { ticketId: 'T-AB12', position, wait: waitText(locale, 5 * MINUTE) });
const agentJoined = (locale: Locale, agent: string, gender?: 'female' | 'male') => localize(locale, 'agentJoined', { agent, gender: gender ?? 'unknown' });
const transferredToAgent = (locale: Locale, agent: string, gender?: 'female' | 'male') => localize(locale, 'transferredToAgent', { agent, gender: gender ?? 'unknown' });
const notSure = (locale: Locale, topics: string[]) => notSureAnswer(locale, topics, 0).text;

/** A word written twice in a row ("about about", "около около"), in any script. */
const DOUBLED_WORD = /(?<!\p{L})(\p{L}+)\s+\1(?!\p{L})/iu;
const NBSP = '\u00a0';

describe('every message in every language', () => {
  const rendered = [
    ...catalogKeys('messages.ts').map((key) => ({ key, text: (locale: Locale) => localize(locale, key as MessageKey, sampleValues(locale)) })),
    ...catalogKeys('account-messages.ts').map((key) => ({ key, text: (locale: Locale) => accountText(locale, key as AccountMessageKey, sampleValues(locale)) })),
  ];

  it('finds both catalogs', () => {
    expect(catalogKeys('messages.ts')).toEqual(expect.arrayContaining(['greeting', 'queued', 'agentJoined', 'expectedWait']));
    expect(catalogKeys('account-messages.ts')).toEqual(expect.arrayContaining(['withdrawalPending', 'breakDays', 'linkCodeInvalid']));
  });

  it.each(LOCALES)('renders in %s with no placeholder left and no word said twice', (locale) => {
    for (const { key, text } of rendered) {
      const shown = text(locale);
      expect(shown, key).not.toMatch(/[{}#]/);
      expect(shown, key).not.toMatch(DOUBLED_WORD);
    }
  });

  it('still knows a tapped button in any language, apostrophe included', () => {
    expect(isLocalized("I'm fine, thanks", 'actionRgFine')).toBe(true);
    expect(isLocalized('позвать оператора', 'actionAgent')).toBe(true);
  });
});

describe('English', () => {
  it('says the place in the queue as "number N", with thousands grouped', () => {
    expect(queueStatus('en', 3)).toBe('Ticket T-AB12: you are number 3 in the queue; expected wait about 5 minutes.');
    expect(queueStatus('en', 1234)).toContain('you are number 1,234 in the queue');
  });

  it('says the wait once, with plural nouns', () => {
    expect(waitText('en', 30)).toBe('expected wait under a minute');
    expect(waitText('en', 60)).toBe('expected wait about 1 minute');
    expect(waitText('en', 5 * MINUTE)).toBe('expected wait about 5 minutes');
    expect(waitText('en', 21 * MINUTE)).toBe('expected wait about 21 minutes');
    expect(waitText('en', 64 * MINUTE)).toBe('expected wait about 64 minutes');
    expect(waitText('en', 3 * HOUR)).toBe('expected wait about 3 hours');
    expect(waitText('en', 1234 * HOUR)).toBe('expected wait about 1,234 hours');
  });

  it('announces an agent the same way whatever their gender', () => {
    for (const gender of ['female', 'male', undefined] as const) {
      expect(agentJoined('en', 'Anna', gender)).toBe('Anna from our team has joined the conversation.');
      expect(transferredToAgent('en', 'Anna', gender)).toBe('Anna from our team is taking over your conversation.');
    }
  });

  it('offers topics only when there are some', () => {
    expect(notSure('en', [])).toBe("I'm not sure I have the right answer to that. Could you rephrase it, or talk to an agent?");
    expect(notSure('en', ['Withdrawals'])).toBe("I'm not sure I have the right answer to that. Could you rephrase it, pick the topic below, or talk to an agent?");
    expect(notSure('en', ['Withdrawals', 'Bonuses'])).toBe("I'm not sure I have the right answer to that. Could you rephrase it, pick one of these topics, or talk to an agent?");
  });
});

describe('Russian', () => {
  it('says the place as an ordinal, with thousands grouped', () => {
    for (const position of [1, 2, 5, 21]) expect(queueStatus('ru', position)).toBe(`Обращение T-AB12: вы на ${position}-м месте в очереди; ожидание около 5 минут.`);
    expect(queueStatus('ru', 1000)).toContain(`вы на 1${NBSP}000-м месте в очереди`);
  });

  it('says «около» once, with the genitive the number asks for', () => {
    expect(waitText('ru', 30)).toBe('ожидание меньше минуты');
    expect(waitText('ru', 60)).toBe('ожидание около 1 минуты');
    expect(waitText('ru', 2 * MINUTE)).toBe('ожидание около 2 минут');
    expect(waitText('ru', 5 * MINUTE)).toBe('ожидание около 5 минут');
    expect(waitText('ru', 21 * MINUTE)).toBe('ожидание около 21 минуты');
    expect(waitText('ru', 64 * MINUTE)).toBe('ожидание около 64 минут');
    expect(waitText('ru', 2 * HOUR)).toBe('ожидание около 2 часов');
    expect(waitText('ru', 3 * HOUR)).toBe('ожидание около 3 часов');
    expect(waitText('ru', 21 * HOUR)).toBe('ожидание около 21 часа');
  });

  it('announces a woman, a man, and an agent of unknown gender each grammatically', () => {
    expect(agentJoined('ru', 'Анна', 'female')).toBe('Анна из нашей команды подключилась к разговору.');
    expect(agentJoined('ru', 'Олег', 'male')).toBe('Олег из нашей команды подключился к разговору.');
    const unknown = agentJoined('ru', 'Саша');
    expect(unknown).toBe('К разговору подключается Саша из нашей команды.');
    expect(unknown).not.toMatch(/подключилась|подключился/);
    expect(transferredToAgent('ru', 'Анна', 'female')).toBe('Дальше с вами будет общаться Анна из нашей команды.');
  });

  it('offers topics only when there are some', () => {
    expect(notSure('ru', [])).toBe('Не уверен, что у меня есть точный ответ на этот вопрос. Переформулируйте его или поговорите с оператором.');
    expect(notSure('ru', ['Вывод', 'Бонусы'])).toMatch(/выберите одну из тем ниже/);
  });
});

describe('Azerbaijani', () => {
  it('gives the place the ordinal suffix its last word takes', () => {
    const suffixes: Array<[number, string]> = [
      [1, 'ci'], [2, 'ci'], [3, 'cü'], [4, 'cü'], [5, 'ci'], [6, 'cı'], [7, 'ci'], [8, 'ci'], [9, 'cu'], [10, 'cu'],
      [20, 'ci'], [30, 'cu'], [40, 'cı'], [60, 'cı'], [90, 'cı'], [100, 'cü'],
    ];
    for (const [position, suffix] of suffixes) expect(queueStatus('az', position)).toBe(`Müraciət T-AB12: növbədə ${position}-${suffix} yerdəsiniz; gözləmə təxminən 5 dəqiqə.`);
    expect(queueStatus('az', 1234)).toContain('növbədə 1.234-cü yerdəsiniz');
  });

  it('says «təxminən» once, with the noun singular after a number', () => {
    expect(waitText('az', 30)).toBe('gözləmə bir dəqiqədən az');
    expect(waitText('az', 5 * MINUTE)).toBe('gözləmə təxminən 5 dəqiqə');
    expect(waitText('az', 21 * MINUTE)).toBe('gözləmə təxminən 21 dəqiqə');
    expect(waitText('az', 64 * MINUTE)).toBe('gözləmə təxminən 64 dəqiqə');
    expect(waitText('az', 3 * HOUR)).toBe('gözləmə təxminən 3 saat');
    expect(waitText('az', 1234 * HOUR)).toBe('gözləmə təxminən 1.234 saat');
  });

  it('announces an agent the same way whatever their gender', () => {
    for (const gender of ['female', 'male', undefined] as const) expect(agentJoined('az', 'Aysel', gender)).toBe('Komandamızdan Aysel söhbətə qoşuldu.');
  });

  it('offers topics only when there are some', () => {
    expect(notSure('az', [])).toBe('Bu suala dəqiq cavabım olduğuna əmin deyiləm. Sualı başqa cür yazın və ya operatorla danışın.');
    expect(notSure('az', ['Çıxarış', 'Bonuslar'])).toMatch(/aşağıdakı mövzulardan birini seçin/);
  });
});

describe('Turkish', () => {
  it('says the place as an ordinal with a dot, with thousands grouped', () => {
    expect(queueStatus('tr', 1)).toBe('Talep T-AB12: sırada 1. kişisiniz; bekleme süresi yaklaşık 5 dakika.');
    expect(queueStatus('tr', 1234)).toContain('sırada 1.234. kişisiniz');
  });

  it('says «yaklaşık» once, with the noun singular after a number', () => {
    expect(waitText('tr', 30)).toBe('bekleme süresi bir dakikadan az');
    expect(waitText('tr', 60)).toBe('bekleme süresi yaklaşık 1 dakika');
    expect(waitText('tr', 21 * MINUTE)).toBe('bekleme süresi yaklaşık 21 dakika');
    expect(waitText('tr', 64 * MINUTE)).toBe('bekleme süresi yaklaşık 64 dakika');
    expect(waitText('tr', 3 * HOUR)).toBe('bekleme süresi yaklaşık 3 saat');
  });

  it('announces an agent the same way whatever their gender', () => {
    for (const gender of ['female', 'male', undefined] as const) expect(agentJoined('tr', 'Elif', gender)).toBe('Ekibimizden Elif konuşmaya katıldı.');
  });

  it('offers topics only when there are some', () => {
    expect(notSure('tr', [])).toBe('Bu soruya doğru cevabım olduğundan emin değilim. Soruyu farklı yazabilir veya bir temsilciyle konuşabilirsiniz.');
    expect(notSure('tr', ['Para çekme', 'Bonuslar'])).toMatch(/aşağıdaki konulardan birini seçebilir/);
  });
});
