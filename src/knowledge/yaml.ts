import { parseDocument } from 'yaml';
import { AppError } from '../errors.js';

/** YAML that cannot be read as plain data; the message names the line and what to change. */
export class YamlError extends AppError {
  constructor(problem: string) {
    super('invalid_yaml', problem, 400);
  }
}

const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';

/**
 * The project's one way to read YAML that people write (front matter, evaluation sets): YAML 1.2's
 * core schema and nothing else. No language tags (`!!js/function`, `!!python/object`), no custom
 * `!tags`, none of YAML 1.1's extras (`!!binary`, `!!set`, `!!timestamp`), no duplicate keys: a
 * file yields only strings, numbers, booleans, nulls, lists and maps, and a tag that asks for
 * anything else is an error instead of being resolved or silently read as text.
 */
export function parsePlainYaml(text: string, { firstLine = 1 }: { firstLine?: number } = {}): unknown {
  const doc = parseDocument(text, { schema: 'core', customTags: [], resolveKnownTags: false, uniqueKeys: true });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const line = problem.linePos ? ` on line ${problem.linePos[0].line + firstLine - 1}` : '';
    const tag = problem.code === 'TAG_RESOLVE_FAILED' ? /Unresolved tag: (\S+)/.exec(problem.message)?.[1] : undefined;
    if (tag) throw new YamlError(`the tag "${tag.replace(YAML_TAG_PREFIX, '!!')}"${line} is not allowed; write plain data (text, numbers, lists), never code`);
    throw new YamlError(`${problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}${line}`);
  }
  return doc.toJS();
}
