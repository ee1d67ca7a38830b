/**
 * Finding the index terms near a query term without walking the whole vocabulary: prefixes by
 * binary search in the sorted terms, typos through a deletion neighbourhood (each term is stored
 * under the hashes of itself and of its one-letter deletions, long terms also two-letter ones), so
 * every term within the edit distance is found by hash lookups and then checked exactly.
 */

/** The near-term lookup structures as plain typed arrays (built in a worker, handed over as they are). */
export interface NearTermsData {
  /** Ids of the word terms, ordered by the term's text. */
  sorted: Int32Array;
  /** Deletion-neighbourhood hashes, ascending, and the term each belongs to. */
  keys: Uint32Array;
  keyTerms: Int32Array;
}

/** Words this short are never matched by edits: a typo there is another word. */
const MIN_EDITED_LENGTH = 4;
/** Terms this long are stored with their two-letter deletions too (a query term of 8+ letters may have two typos). */
const TWO_EDITS_FROM = 8;
/** Ids are packed under the hash in one float64 for a fast numeric sort. */
const ID_BITS = 2 ** 21;

/** FNV-1a of `text` without the characters at `skipA` and `skipB`. */
function hashWithout(text: string, skipA = -1, skipB = -1): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    if (i === skipA || i === skipB) continue;
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function deletionHashes(text: string, twoEdits: boolean, visit: (hash: number) => void): void {
  visit(hashWithout(text));
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && text[i] === text[i - 1]) continue; // same string as deleting the previous letter
    visit(hashWithout(text, i));
    if (twoEdits) for (let j = i + 1; j < text.length; j++) visit(hashWithout(text, i, j));
  }
}

/** Levenshtein distance of `a` and `b` if at most `max`, else `max + 1`. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}

export function buildNearTerms(terms: readonly string[], isWord: (term: string) => boolean): NearTermsData {
  const words: number[] = [];
  for (let id = 0; id < terms.length; id++) if (isWord(terms[id]!)) words.push(id);
  const sorted = Int32Array.from(words.sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1)));
  const packed: number[] = [];
  for (const id of words) {
    const term = terms[id]!;
    if (term.length < MIN_EDITED_LENGTH) continue;
    deletionHashes(term, term.length >= TWO_EDITS_FROM, (hash) => packed.push(hash * ID_BITS + id));
  }
  const order = Float64Array.from(packed).sort();
  const keys = new Uint32Array(order.length);
  const keyTerms = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    keys[i] = Math.floor(order[i]! / ID_BITS);
    keyTerms[i] = order[i]! % ID_BITS;
  }
  return { sorted, keys, keyTerms };
}

export class NearTerms {
  constructor(
    private readonly terms: readonly string[],
    private readonly data: NearTermsData,
  ) {}

  /** Word terms that start with `prefix` (itself included), at most `limit` of them, in term order. */
  withPrefix(prefix: string, limit: number): number[] {
    const { sorted } = this.data;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo; i < sorted.length && found.length < limit; i++) {
      const term = this.terms[sorted[i]!]!;
      if (!term.startsWith(prefix)) break;
      found.push(sorted[i]!);
    }
    return found;
  }

  /** Word terms within `maxEdits` (1 or 2) of `term`, other than itself, with their distance. */
  withinEdits(term: string, maxEdits: number): Array<[id: number, distance: number]> {
    const candidates = new Set<number>();
    deletionHashes(term, maxEdits >= 2, (hash) => this.lookup(hash, candidates));
    const found: Array<[number, number]> = [];
    for (const id of candidates) {
      const distance = boundedEditDistance(term, this.terms[id]!, maxEdits);
      if (distance > 0 && distance <= maxEdits) found.push([id, distance]);
    }
    return found.sort((a, b) => a[0] - b[0]);
  }

  private lookup(hash: number, into: Set<number>): void {
    const { keys, keyTerms } = this.data;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < hash) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < keys.length && keys[i] === hash; i++) into.add(keyTerms[i]!);
  }
}
