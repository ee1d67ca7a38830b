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
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof catalog;

export function localize(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template: string = catalog[key][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
