/**
 * Splits text into parts whose measured length stays within `limit`, breaking at paragraph, line
 * or word boundaries where possible (a single over-long word is cut).
 */
export function splitText(text: string, limit: number, measure: (part: string) => number = (part) => part.length): string[] {
  if (measure(text) <= limit) return [text];
  const parts: string[] = [];
  let current = '';
  const tokens = text.split(/(\n\n|\n| )/);
  for (const token of tokens) {
    if (measure(current + token) <= limit) {
      current += token;
      continue;
    }
    if (current.trim() !== '') parts.push(current.trimEnd());
    current = token.trim() === '' ? '' : token;
    while (measure(current) > limit) {
      let cut = current.length;
      while (cut > 1 && measure(current.slice(0, cut)) > limit) cut = Math.floor(cut * 0.9);
      parts.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current.trim() !== '') parts.push(current.trimEnd());
  return parts;
}
