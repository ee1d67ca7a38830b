// ICU MessageFormat for every text we show or send: plurals, ordinals, numbers and gendered forms as
// each language writes them. Browser-safe (the chat page and the console bundle it too).
import { IntlMessageFormat } from 'intl-messageformat';

const compiled = new Map<string, IntlMessageFormat>();

/** `pattern` (ICU MessageFormat) in `locale`, its placeholders filled from `values`; compiled once per locale and pattern. */
export function formatMessage(locale: string, pattern: string, values: Record<string, string | number | Date> = {}): string {
  const key = `${locale}\u0000${pattern}`;
  let format = compiled.get(key);
  if (!format) {
    format = new IntlMessageFormat(pattern, locale);
    compiled.set(key, format);
  }
  return String(format.format(values));
}
