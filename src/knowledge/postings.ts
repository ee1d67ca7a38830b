/**
 * A compact inverted index over typed arrays: one BM25+ weight per (term, section), every field's
 * score and boost folded in at build time, so a query only adds numbers.
 */

/** BM25+ constants (saturation, length normalisation, lower bound of a match). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** The index as plain data: typed arrays and a term list, so a worker can build it and hand it over. */
export interface PostingsData<K extends string | number = string> {
  /** Term id → term (a word, a pair of words, or a trigram as a number). */
  terms: K[];
  /** Postings of term `t` are `docs[offsets[t]..offsets[t + 1]]`, ascending, with their `weights`. */
  offsets: Int32Array;
  docs: Int32Array;
  weights: Float32Array;
}

export class Postings<K extends string | number = string> {
  private readonly ids: Map<K, number>;

  constructor(readonly data: PostingsData<K>) {
    this.ids = new Map(data.terms.map((term, id) => [term, id]));
  }

  id(term: K): number | undefined {
    return this.ids.get(term);
  }

  /** In how many sections the term occurs, in any field. */
  df(id: number): number {
    return this.data.offsets[id + 1]! - this.data.offsets[id]!;
  }

  /** Adds `factor` × each posting's weight of `id` into `scores`, recording sections seen for the first time in `touched`. */
  accumulate(id: number, factor: number, scores: Float32Array, touched: Touched): number {
    const { offsets, docs, weights } = this.data;
    const end = offsets[id + 1]!;
    for (let p = offsets[id]!; p < end; p++) {
      const doc = docs[p]!;
      if (scores[doc] === 0) touched.add(doc);
      scores[doc]! += factor * weights[p]!;
    }
    return end - offsets[id]!;
  }

  /** Whether the term occurs in a section of `[first, end)` (binary search in its postings). */
  occursIn(id: number, first: number, end: number): boolean {
    const { offsets, docs } = this.data;
    let lo = offsets[id]!;
    let hi = offsets[id + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid]! < first) lo = mid + 1;
      else hi = mid;
    }
    return lo < offsets[id + 1]! && docs[lo]! < end;
  }
}

/** The sections a query has scored so far, so that resetting costs what the query touched, not the whole index. */
export class Touched {
  readonly list: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.list = new Int32Array(capacity);
  }

  add(doc: number): void {
    this.list[this.size++] = doc;
  }

  clear(scores: Float32Array): void {
    for (let i = 0; i < this.size; i++) scores[this.list[i]!] = 0;
    this.size = 0;
  }
}

/** Term → id for integer terms (trigrams): open addressing over typed arrays, no boxed keys. */
class IntIds {
  private keys = new Int32Array(1 << 12).fill(-1);
  private values = new Int32Array(1 << 12);
  private size = 0;

  get(key: number): number | undefined {
    const mask = this.keys.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) & mask; ; slot = (slot + 1) & mask) {
      const found = this.keys[slot]!;
      if (found === key) return this.values[slot];
      if (found === -1) return undefined;
    }
  }

  set(key: number, value: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.rehash();
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) & mask;
    while (this.keys[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    if (this.keys[slot] === -1) this.size++;
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  private rehash(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) this.set(keys[i]!, values[i]!);
  }
}

/** A growable typed array (build time only). */
class Column<T extends Int32Array | Uint16Array | Uint8Array> {
  buffer: T;
  length = 0;

  constructor(private readonly make: (size: number) => T) {
    this.buffer = make(1024);
  }

  push(value: number): void {
    if (this.length === this.buffer.length) this.grow(this.length * 2);
    this.buffer[this.length++] = value;
  }

  /** Makes index `size - 1` addressable (new slots are 0). */
  ensure(size: number): void {
    if (size > this.buffer.length) this.grow(Math.max(size, this.buffer.length * 2));
  }

  private grow(size: number): void {
    const bigger = this.make(size);
    bigger.set(this.buffer);
    this.buffer = bigger;
  }
}

/**
 * Collects the tokens of each section field by field (sections in ascending order), then computes
 * BM25+ per field as MiniSearch does (field length = distinct tokens; document frequency per field)
 * and folds the fields into one weight per (term, section).
 */
export class PostingsBuilder<K extends string | number = string> {
  private readonly ids: { get(key: K): number | undefined; set(key: K, id: number): void };
  private readonly terms: K[] = [];
  private readonly entryTerm = new Column((n) => new Int32Array(n));
  private readonly entryTf = new Column((n) => new Uint16Array(n));
  private readonly entryField = new Column((n) => new Uint8Array(n));
  /** Entries of section `d` start at `docStart[d]`. */
  private readonly docStart = new Column((n) => new Int32Array(n));
  private readonly fieldLength: Column<Int32Array>[];
  /** Per term: the last field (numbered across sections) it was counted in, and where. */
  private readonly seenIn = new Column((n) => new Int32Array(n));
  private readonly seenAt = new Column((n) => new Int32Array(n));
  private fieldsSeen = 0;
  private docs = 0;

  /** `integerTerms`: terms are non-negative 31-bit integers (trigrams), kept in a faster table. */
  constructor(
    private readonly boosts: readonly number[],
    integerTerms = false,
  ) {
    this.fieldLength = boosts.map(() => new Column((n) => new Int32Array(n)));
    this.ids = (integerTerms ? new IntIds() : new Map<K, number>()) as PostingsBuilder<K>['ids'];
  }

  /** Starts the next section; its fields follow with `field`. */
  addSection(): void {
    this.docStart.push(this.entryTerm.length);
    for (const lengths of this.fieldLength) lengths.push(0);
    this.docs++;
  }

  /** The tokens of one field of the current section, given in one or more runs (e.g. each word's trigrams). */
  field(field: number, runs: ReadonlyArray<ArrayLike<K>>): void {
    const stamp = ++this.fieldsSeen;
    const before = this.entryTerm.length;
    for (const run of runs) for (let i = 0; i < run.length; i++) this.count(run[i]!, field, stamp);
    this.fieldLength[field]!.buffer[this.docs - 1] = this.entryTerm.length - before;
  }

  private count(token: K, field: number, stamp: number): void {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(token, id);
      this.terms.push(token);
      this.seenIn.ensure(id + 1);
      this.seenAt.ensure(id + 1);
    }
    if (this.seenIn.buffer[id] === stamp) {
      const at = this.seenAt.buffer[id]!;
      if (this.entryTf.buffer[at]! < 0xffff) this.entryTf.buffer[at]!++;
      return;
    }
    this.seenIn.buffer[id] = stamp;
    this.seenAt.buffer[id] = this.entryTerm.length;
    this.entryTerm.push(id);
    this.entryTf.push(1);
    this.entryField.push(field);
  }

  build(): PostingsData<K> {
    const fields = this.boosts.length;
    const termCount = this.terms.length;
    const entries = this.entryTerm.length;
    const docCount = this.docs;
    const entryTerm = this.entryTerm.buffer;
    const entryField = this.entryField.buffer;
    const entryTf = this.entryTf.buffer;
    // Per (term, field): boost × idf, computed once.
    const fieldDf = new Int32Array(termCount * fields);
    for (let e = 0; e < entries; e++) fieldDf[entryTerm[e]! * fields + entryField[e]!]!++;
    const boostedIdf = new Float32Array(termCount * fields);
    for (let i = 0; i < boostedIdf.length; i++) {
      if (fieldDf[i]! > 0) boostedIdf[i] = this.boosts[i % fields]! * Math.log(1 + (docCount - fieldDf[i]! + 0.5) / (fieldDf[i]! + 0.5));
    }
    // Per (section, field): the length normalisation of BM25.
    const norm = new Float32Array(docCount * fields);
    for (let f = 0; f < fields; f++) {
      const lengths = this.fieldLength[f]!.buffer;
      let sum = 0;
      for (let d = 0; d < docCount; d++) sum += lengths[d]!;
      const average = sum / Math.max(1, docCount) || 1;
      for (let d = 0; d < docCount; d++) norm[d * fields + f] = BM25.k * (1 - BM25.b + (BM25.b * lengths[d]!) / average);
    }
    const docOf = new Int32Array(entries);
    for (let doc = 0; doc < docCount; doc++) docOf.fill(doc, this.docStart.buffer[doc]!, doc + 1 < docCount ? this.docStart.buffer[doc + 1]! : entries);

    // Postings per term: distinct sections (a term in several fields of one section is one posting).
    const lastDoc = new Int32Array(termCount).fill(-1);
    const offsets = new Int32Array(termCount + 1);
    for (let e = 0; e < entries; e++) {
      const term = entryTerm[e]!;
      if (lastDoc[term] !== docOf[e]) {
        lastDoc[term] = docOf[e]!;
        offsets[term + 1]!++;
      }
    }
    for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
    const docs = new Int32Array(offsets[termCount]!);
    const weights = new Float32Array(offsets[termCount]!);
    const next = offsets.slice(0, termCount);
    lastDoc.fill(-1);
    for (let e = 0; e < entries; e++) {
      const term = entryTerm[e]!;
      const field = entryField[e]!;
      const doc = docOf[e]!;
      const tf = entryTf[e]!;
      const weight = boostedIdf[term * fields + field]! * (BM25.d + (tf * (BM25.k + 1)) / (tf + norm[doc * fields + field]!));
      if (lastDoc[term] === doc) {
        weights[next[term]! - 1]! += weight;
      } else {
        lastDoc[term] = doc;
        docs[next[term]!] = doc;
        weights[next[term]!++] = weight;
      }
    }
    return { terms: this.terms, offsets, docs, weights };
  }
}
