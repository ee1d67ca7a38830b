import { AppError } from '../errors.js';
import { parsePlainYaml } from './yaml.js';

export interface FrontMatterFile {
  /** The parsed front matter, or undefined when the file has none. */
  data: unknown;
  /** The markdown after the front matter. */
  body: string;
}

/** A front matter block that cannot be read; the message says what to change. */
export class FrontMatterError extends AppError {
  constructor(problem: string) {
    super('invalid_front_matter', problem, 400);
  }
}

const OPENING = /^---([^\r\n]*)(?:\r?\n|$)/;
const CLOSING = /^---[ \t]*(?:\r?\n|$)/m;

/**
 * Splits `---` YAML front matter from a markdown file. Front matter is data, never code: an opening
 * line that names another language (`---js`, `---javascript`, `---coffee`…) is refused rather than
 * handed to an engine that would run it, and the YAML itself is read by `parsePlainYaml`.
 */
export function splitFrontMatter(source: string): FrontMatterFile {
  const text = source.replace(/^\uFEFF/, '');
  const opening = OPENING.exec(text);
  // "----" and longer is a markdown rule, not front matter.
  if (!opening || opening[1]!.startsWith('-')) return { data: undefined, body: text };
  const language = opening[1]!.trim();
  if (language !== '') {
    throw new FrontMatterError(`front matter must open with a plain "---" line, not "---${language}": it is read as YAML data only, never run as code`);
  }
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) throw new FrontMatterError('front matter is not closed: add a "---" line after it');
  try {
    return { data: parsePlainYaml(rest.slice(0, closing.index), { firstLine: 2 }), body: rest.slice(closing.index + closing[0].length) };
  } catch (error) {
    throw new FrontMatterError(`front matter is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
}
