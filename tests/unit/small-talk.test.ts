import { describe, expect, it } from 'vitest';
import { smallTalkKind } from '../../src/bot/small-talk.js';
import type { LanguageResources } from '../../src/knowledge/language-resources.js';

/** Small talk as content staff write it in knowledge/language/<locale>.yaml. */
const languages: LanguageResources[] = [
  {
    locale: 'en',
    synonyms: [],
    smallTalk: {
      thanks: ['thanks', 'thank you', 'thx', 'thank you very much'],
      ok: ['ok', 'okay', 'got it', 'fine'],
      greeting: ['hi', 'hello', 'hey', 'good evening'],
      bye: ['bye', 'goodbye', 'see you'],
      bot: ['are you a bot', 'is this a bot', 'am i talking to a human'],
    },
  },
  {
    locale: 'ru',
    synonyms: [],
    smallTalk: { thanks: ['спасибо', 'спс', 'благодарю'], ok: ['ок', 'понятно', 'ясно'], greeting: ['привет', 'здравствуйте'], bye: ['пока'], bot: ['ты бот'] },
  },
  {
    locale: 'az',
    synonyms: [],
    smallTalk: { thanks: ['sağ ol', 'təşəkkürlər', 'çox sağ olun'], ok: ['oldu', 'aydındır'], greeting: ['salam'], bye: ['sağ olun, hələlik'], bot: ['sən botsan'] },
  },
];

describe('small talk', () => {
  it.each([
    ['thanks', 'thanks'],
    ['Thank you very much!!', 'thanks'],
    ['ok', 'ok'],
    ['OK.', 'ok'],
    ['Are you a bot?', 'bot'],
    ['спасибо', 'thanks'],
    ['Спасибо!', 'thanks'],
    ['sağ ol', 'thanks'],
    ['sag ol', 'thanks'],
    ['tesekkurler', 'thanks'],
    ['Hello there', 'greeting'],
    ['Привет', 'greeting'],
    ['bye!', 'bye'],
  ] as const)('takes %j as %s', (text, kind) => expect(smallTalkKind(text, languages)).toBe(kind));

  it.each([
    ['👍', 'ok'],
    ['👍🏽', 'ok'],
    ['👌 👍', 'ok'],
    ['🙏', 'thanks'],
    ['❤️', 'thanks'],
    ['👋', 'greeting'],
  ] as const)('takes the emoji-only message %j as %s', (text, kind) => expect(smallTalkKind(text, languages)).toBe(kind));

  it.each([
    ['ok thanks', 'thanks'],
    ['ок, спасибо 🙏', 'thanks'],
    ['hi, are you a bot?', 'bot'],
    ['thanks, bye', 'bye'],
  ] as const)('answers the message that combines kinds, %j, as %s', (text, kind) => expect(smallTalkKind(text, languages)).toBe(kind));

  it.each(['Hi!', 'Hello, what can you do?', 'что ты умеешь?', 'Salam', 'nə kömək edə bilərsiniz?', 'help'])(
    'greets back (with what the bot can do) for %j',
    (text) => expect(smallTalkKind(text, languages)).toBe('greeting'),
  );

  it.each([
    'thanks, but how long does a withdrawal take?',
    'Привет, как отыграть бонус?',
    'ok so my game froze',
    'salam pulu nece cixarim',
    'help me my game froze',
    '😡',
    '🎰🎰🎰',
    'please',
  ])('leaves a real question (or an unknown emoji) to the bot: %j', (text) => expect(smallTalkKind(text, languages)).toBeUndefined());

  it('knows no small talk when the language files have none', () => {
    const empty = languages.map((language) => ({ ...language, smallTalk: {} }));
    expect(smallTalkKind('thanks', empty)).toBeUndefined();
    expect(smallTalkKind('👍', empty)).toBe('ok');
  });
});
