import type { Locale } from '../conversation/schemas.js';

/**
 * Every text the bot says on its own (not quoted from an article), in every supported language.
 * Placeholders are `{name}`; `localize` fills them.
 */
const catalog = {
  greeting: {
    en: 'Hi{name}! I am the Demo Casino assistant. Ask me about game rules, bonuses, payments or your account.',
    ru: 'Здравствуйте{name}! Я помощник Demo Casino. Спросите о правилах игр, бонусах, платежах или аккаунте.',
    az: 'Salam{name}! Mən Demo Casino köməkçisiyəm. Oyun qaydaları, bonuslar, ödənişlər və ya hesabınız barədə soruşun.',
    tr: 'Merhaba{name}! Ben Demo Casino asistanıyım. Oyun kuralları, bonuslar, ödemeler veya hesabınız hakkında sorun.',
  },
  capabilities: {
    en: 'I can help with game rules, bonuses, payments and accounts. What would you like to know?',
    ru: 'Я могу помочь с правилами игр, бонусами, платежами и аккаунтом. Что вас интересует?',
    az: 'Oyun qaydaları, bonuslar, ödənişlər və hesablar barədə kömək edə bilərəm. Nəyi öyrənmək istəyirsiniz?',
    tr: 'Oyun kuralları, bonuslar, ödemeler ve hesaplar konusunda yardımcı olabilirim. Ne öğrenmek istersiniz?',
  },
  notSure: {
    en: "I'm not sure I have the right answer to that. Could you rephrase it, pick one of these topics, or talk to an agent?",
    ru: 'Не уверен, что у меня есть точный ответ на этот вопрос. Переформулируйте его, выберите одну из тем ниже или поговорите с оператором.',
    az: 'Bu suala dəqiq cavabım olduğuna əmin deyiləm. Sualı başqa cür yazın, aşağıdakı mövzulardan birini seçin və ya operatorla danışın.',
    tr: 'Bu soruya doğru cevabım olduğundan emin değilim. Soruyu farklı yazabilir, aşağıdaki konulardan birini seçebilir veya bir temsilciyle konuşabilirsiniz.',
  },
  englishFallback: {
    en: '',
    ru: 'Эта статья пока не переведена на русский, поэтому отвечаю на английском.',
    az: 'Bu məqalə hələ Azərbaycan dilinə tərcümə olunmayıb, ona görə ingiliscə cavab verirəm.',
    tr: 'Bu makale henüz Türkçe değil, bu yüzden İngilizce yanıtlıyorum.',
  },
  helpfulThanks: {
    en: 'Glad I could help! Is there anything else you would like to know?',
    ru: 'Рад, что помог! Могу ещё чем-то помочь?',
    az: 'Kömək edə bildiyimə şadam! Başqa sualınız var?',
    tr: 'Yardımcı olabildiğime sevindim! Başka bir sorunuz var mı?',
  },
  actionHelpful: { en: 'Helpful', ru: 'Помогло', az: 'Kömək etdi', tr: 'Yardımcı oldu' },
  actionAgent: { en: 'Talk to an agent', ru: 'Позвать оператора', az: 'Operatorla danış', tr: 'Temsilciyle konuş' },
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof catalog;

const LOCALES: Locale[] = ['en', 'ru', 'az', 'tr'];

/** True when the text is this message in any language (how a tapped button comes back as text). */
export function isLocalized(text: string, key: MessageKey): boolean {
  const normalized = text.trim().toLowerCase();
  return LOCALES.some((locale) => catalog[key][locale].toLowerCase() === normalized);
}

export function localize(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template: string = catalog[key][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
