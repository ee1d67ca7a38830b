import type { Locale } from './schemas.js';

/** Each language's name in that language: what a language button, switcher or label says. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский', az: 'Azərbaycanca', tr: 'Türkçe' };
