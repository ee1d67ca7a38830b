import type { Category, KbLocale } from '../schemas.js';

/** The help center's own words (page chrome and category names), in every article language. */
export const HELP_TEXTS = {
  en: {
    helpCenter: 'Help center',
    intro: 'Answers to common questions about Demo Casino, by topic.',
    skip: 'Skip to content',
    allArticles: 'All articles',
    breadcrumb: 'Breadcrumb',
    contents: 'On this page',
    languages: 'Other languages',
    updated: 'Updated',
    chat: 'Still need help? Chat with us',
    inEnglish: 'in English',
  },
  ru: {
    helpCenter: 'Справочный центр',
    intro: 'Ответы на частые вопросы о Demo Casino по темам.',
    skip: 'Перейти к содержанию',
    allArticles: 'Все статьи',
    breadcrumb: 'Навигация',
    contents: 'В этой статье',
    languages: 'Другие языки',
    updated: 'Обновлено',
    chat: 'Остались вопросы? Напишите нам в чат',
    inEnglish: 'на английском',
  },
  az: {
    helpCenter: 'Yardım mərkəzi',
    intro: 'Demo Casino haqqında tez-tez verilən suallara mövzular üzrə cavablar.',
    skip: 'Məzmuna keç',
    allArticles: 'Bütün məqalələr',
    breadcrumb: 'Naviqasiya',
    contents: 'Bu səhifədə',
    languages: 'Digər dillər',
    updated: 'Yenilənib',
    chat: 'Sualınız qaldı? Çatda bizə yazın',
    inEnglish: 'ingiliscə',
  },
} satisfies Record<KbLocale, Record<string, string>>;

export type HelpTexts = (typeof HELP_TEXTS)[KbLocale];

export const CATEGORY_NAMES: Record<KbLocale, Record<Category, string>> = {
  en: {
    rules: 'Game rules',
    bonuses: 'Bonuses',
    payments: 'Payments',
    account: 'Account',
    technical: 'Technical help',
    'responsible-gambling': 'Responsible gambling',
    complaints: 'Complaints',
    contact: 'Contact us',
    security: 'Security',
  },
  ru: {
    rules: 'Правила игр',
    bonuses: 'Бонусы',
    payments: 'Платежи',
    account: 'Аккаунт',
    technical: 'Технические вопросы',
    'responsible-gambling': 'Ответственная игра',
    complaints: 'Жалобы',
    contact: 'Связаться с нами',
    security: 'Безопасность',
  },
  az: {
    rules: 'Oyun qaydaları',
    bonuses: 'Bonuslar',
    payments: 'Ödənişlər',
    account: 'Hesab',
    technical: 'Texniki kömək',
    'responsible-gambling': 'Məsuliyyətli oyun',
    complaints: 'Şikayətlər',
    contact: 'Bizimlə əlaqə',
    security: 'Təhlükəsizlik',
  },
};
