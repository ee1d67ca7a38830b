import type { Locale } from '../core/schemas.js';
import { terms } from './analysis.js';

/** A phrase that matched in the question, and the other phrases of its synonym groups, as index terms. */
export interface SynonymMatch {
  /** Positions (in the question's term sequence) of the matched phrase. */
  at: number[];
  alternatives: string[][];
}

/**
 * The synonym groups of `knowledge/language/<locale>.yaml` as index terms: a question that uses one
 * phrase of a group is also searched with the others (query-time expansion, so an edit to the
 * language file needs no re-indexing of the articles).
 */
export class Synonyms {
  /** First term of a phrase → the phrases starting with it and the groups they belong to. */
  private readonly byFirstTerm = new Map<string, Array<{ phrase: string[]; groups: number[] }>>();
  private readonly groups: string[][][];

  constructor(groups: readonly string[][], locale: Locale) {
    this.groups = groups.map((group) => dedupe(group.map((phrase) => terms(phrase, locale)).filter((phrase) => phrase.length > 0)));
    this.groups.forEach((group, g) => {
      for (const phrase of group) {
        const starting = this.byFirstTerm.get(phrase[0]!) ?? [];
        const known = starting.find((entry) => sameTerms(entry.phrase, phrase));
        if (known) known.groups.push(g);
        else starting.push({ phrase, groups: [g] });
        this.byFirstTerm.set(phrase[0]!, starting);
      }
    });
  }

  get size(): number {
    return this.groups.length;
  }

  /** Every phrase of a group found in the question's terms (in order), with the group's other phrases. */
  find(sequence: readonly string[]): SynonymMatch[] {
    if (this.groups.length === 0) return [];
    const matches: SynonymMatch[] = [];
    for (let i = 0; i < sequence.length; i++) {
      for (const { phrase, groups } of this.byFirstTerm.get(sequence[i]!) ?? []) {
        if (!phrase.every((term, k) => sequence[i + k] === term)) continue;
        const alternatives = dedupe(groups.flatMap((g) => this.groups[g]!)).filter((other) => !sameTerms(other, phrase));
        if (alternatives.length > 0) matches.push({ at: phrase.map((_, k) => i + k), alternatives });
      }
    }
    return matches;
  }
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((term, i) => term === b[i]);
}

function dedupe(phrases: string[][]): string[][] {
  const seen = new Set<string>();
  return phrases.filter((phrase) => {
    const key = phrase.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
