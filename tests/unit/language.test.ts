import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConversationLanguage, followLanguage } from '../../src/bot/language.js';
import type { Locale } from '../../src/core/schemas.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { LiveLanguageModel } from '../../src/knowledge/live-language-model.js';
import { tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';

const logger = pino({ level: 'silent' });
let knowledge: KnowledgeBase;
let languages: LiveLanguageModel;

beforeAll(async () => {
  knowledge = await KnowledgeBase.open({ dir: 'knowledge', logger, watch: false });
  languages = new LiveLanguageModel(knowledge, logger);
});
afterAll(async () => {
  await knowledge.close();
});

/** The conversation's language after the player writes these messages, one after another. */
function languageAfter(start: Locale, ...messages: string[]): Locale {
  let state: ConversationLanguage = { locale: start };
  for (const text of messages) state = followLanguage(state, languages.identify(text));
  return state.locale;
}

describe('the language a player writes in', () => {
  it.each([
    ['Как вывести деньги на карту?', 'ru'],
    ['skolko idet vyvod na kartu', 'ru'],
    ['podskazhite pochemu ne prihodit bonus za depozit', 'ru'],
    ['Pulu karta necə çıxarım?', 'az'],
    ['bonusun merc telebi nedir', 'az'],
    ['pulu karta nece cixarim', 'az'],
    ['пулу карта нечә чыхарым', 'az'],
    ['How long does a withdrawal take?', 'en'],
    ['are there games for men', 'en'],
    ['Para çekme ne kadar sürer, yardım lütfen', 'tr'],
    ['hesabima para yatirdim ama gozukmuyor', 'tr'],
  ])('reads %j as %s', (text, locale) => {
    expect(languages.identify(text).locale).toBe(locale);
  });

  it('reads a Russian message with English casino words as Russian, and an Azerbaijani one with Russian slang as Azerbaijani', () => {
    expect(languages.identify('вейджер на фриспины какой, и cashout сколько идет?').locale).toBe('ru');
    expect(languages.identify('keşbek bonusu nə vaxt gəlir, vıvod etmək olar?').locale).toBe('az');
  });
});

describe("a conversation's language", () => {
  it('moves to Russian at once on a clear Russian question typed in Latin letters', () => {
    expect(languageAfter('en', 'skolko idet vyvod na kartu')).toBe('ru');
  });

  it('moves to Azerbaijani on a question written without ə, ş, ç…', () => {
    expect(languageAfter('en', 'bonusun merc telebi nedir')).toBe('az');
  });

  it.each([['ok'], ['bonus'], ['?'], ['👍'], ['cashout'], ['salam'], ['deposit']])('is not moved by the short word %j, which players of every language write', (word) => {
    for (const locale of ['en', 'ru', 'az'] as const) expect(languageAfter(locale, word)).toBe(locale);
  });

  it('moves at once on a word in an alphabet its language is not written in', () => {
    expect(languageAfter('en', 'Здравствуйте!')).toBe('ru');
    expect(languageAfter('en', 'çıxarış')).toBe('az');
  });

  it('stays Russian when a player mixes one English term into a Russian conversation', () => {
    expect(languageAfter('ru', 'Как отыгрывается бонус?', 'ok', 'free spins?')).toBe('ru');
  });

  it('moves when two messages in a row lean the same way, not when one does', () => {
    expect(languageAfter('ru', 'deposit limits?')).toBe('ru');
    expect(languageAfter('ru', 'deposit limits?', 'withdrawal times?')).toBe('en');
  });

  it('forgets a lean that the next message contradicts', () => {
    expect(languageAfter('ru', 'deposit limits?', 'а вывод?', 'withdrawal times?')).toBe('ru');
  });

  it('keeps the language of a message it cannot read', () => {
    expect(languageAfter('az', '12345 !!! ???')).toBe('az');
  });
});

describe('the language identifier', () => {
  it('learns a language from the articles again after an edit, without a restart', async () => {
    const kb = tempKnowledge(withdrawalArticles.filter((article) => article.locale !== 'az'));
    rmSync(join(kb.dir, 'triage'), { recursive: true }); // no Azerbaijani text at all
    // The reload an edit triggers, called directly: the file watcher is tested with the knowledge base.
    const live = await KnowledgeBase.open({ dir: kb.dir, logger, watch: false });
    try {
      const model = new LiveLanguageModel(live, logger);
      const question = 'Karta çıxarış nə qədər çəkir və minimum məbləğ nə qədərdir?';
      expect(model.identify(question).locale).not.toBe('az');
      for (const article of withdrawalArticles.filter((a) => a.locale === 'az')) kb.write(article);
      await live.reload();
      await model.whenTrained();
      expect(model.identify(question).locale).toBe('az');
    } finally {
      await live.close();
      kb.cleanup();
    }
  });
});
