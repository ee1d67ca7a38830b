import { matchText } from '../knowledge/analysis.js';
import { findPersonalData } from '../core/personal-data.js';
import { UnusableOutputError } from './failures.js';
import { type PolicyLanguage, RULES, type RuleEntry, type WordingRule } from './output-policy-rules.js';
import { CITATION_MARKER, type PolicySection, withoutMarkers } from './sections.js';

/** Why model output was withheld, as counted in /metrics (`pitboss_output_blocked_total{output,rule}`). */
export type PolicyRule = WordingRule | 'personal_data' | 'ungrounded';
export type PolicyOutput = 'answer' | 'draft' | 'summary';

export class PolicyViolation extends UnusableOutputError {
  constructor(
    readonly output: PolicyOutput,
    readonly rule: PolicyRule,
  ) {
    super('rejected_output', `the model's ${output} broke the output policy (${rule}); it was withheld`);
  }
}

export interface PolicyContext {
  output: PolicyOutput;
  /** What the player wrote in this conversation: their own data may be shown back to them. */
  playerTexts: string[];
  /** The numbered sections the model was given (`[1]` is the first); none for outputs that cite nothing. */
  sections?: PolicySection[];
  /** The player showed responsible-gambling signals: no bonus or promotion content, no bonus articles cited. */
  noPromotions?: boolean;
}

const LANGUAGES = Object.keys(RULES) as PolicyLanguage[];
const matches = (entry: RuleEntry, text: string) => (entry instanceof RegExp ? entry.test(text) : entry.every((p) => p.test(text)));
const numbersIn = (text: string) => text.match(/\d+/g) ?? [];
/** "1." or "2)" opening a line of a list: numbering, not a claim, and not the end of a sentence. */
const LIST_MARKER = /^\s*\d{1,2}[.)]\s*/;

type Verdict = { keep: true; cited: number[] } | { keep: false };

/**
 * One policy for every language we answer in, applied to answers, agent-assist drafts and summaries,
 * sentence by sentence:
 * - a promise or confirmation of money, bonuses, refunds or account actions, a request for passwords,
 *   card numbers, CVV or codes, personal data (e-mail, card, phone, IBAN, passport) that neither the
 *   player nor a cited section wrote, or — for a player with responsible-gambling signals — bonus
 *   content: the whole output is withheld (`PolicyViolation`);
 * - a sentence citing a section number that was not retrieved, or stating a number that neither its
 *   cited sections nor the player wrote (a sentence with a number and no citation included), is dropped;
 * - an answer left without a sentence backed by a retrieved section is withheld as `ungrounded`.
 */
export class OutputPolicy {
  private readonly allowedData: Set<string>;
  private readonly playerNumbers: Set<string>;

  constructor(readonly context: PolicyContext) {
    const known = [...context.playerTexts, ...(context.sections ?? []).map((s) => s.text)];
    this.allowedData = new Set(known.flatMap((text) => findPersonalData(text).map((m) => m.value)));
    this.playerNumbers = new Set(context.playerTexts.flatMap(numbersIn));
  }

  /** Keeps or drops one sentence (with its citation markers); throws when it must not be shown at all. */
  check(sentence: string): Verdict {
    const text = withoutMarkers(sentence).replace(LIST_MARKER, '');
    const normalized = matchText(text);
    const { output, sections, noPromotions } = this.context;
    const rules: WordingRule[] = noPromotions ? ['money_promise', 'credential_request', 'promotion'] : ['money_promise', 'credential_request'];
    for (const rule of rules) {
      if (LANGUAGES.some((language) => RULES[language][rule].some((entry) => matches(entry, normalized)))) throw new PolicyViolation(output, rule);
    }
    if (findPersonalData(text).some((m) => !this.allowedData.has(m.value))) throw new PolicyViolation(output, 'personal_data');
    if (!sections) return { keep: true, cited: [] };

    const cited = [...new Set([...sentence.matchAll(CITATION_MARKER)].map((m) => Number(m[1])))];
    if (cited.some((n) => n < 1 || n > sections.length)) return { keep: false };
    if (noPromotions && cited.some((n) => sections[n - 1]!.category === 'bonuses')) throw new PolicyViolation(output, 'promotion');
    const backing = new Set([...this.playerNumbers, ...cited.flatMap((n) => numbersIn(sections[n - 1]!.text))]);
    if (numbersIn(text).some((number) => !backing.has(number))) return { keep: false };
    return { keep: true, cited };
  }
}

/** Where a sentence ends: its punctuation (and closing quotes), then the citation markers that belong to it. */
const SENTENCE_END = /[.!?…。！？]+["'»”’)]*(?:\s*\[\d{1,3}\])*(?=\s)|\n/gu;

/**
 * Model text checked as it is written: text is let through a sentence at a time, only once it has
 * passed the policy, and (when `requireBacked`) only once some sentence is backed by a section —
 * so nothing a player sees is ever taken back. Throws `PolicyViolation` as soon as a sentence breaks it.
 */
export class PolicyGate {
  private pending = '';
  private readonly kept: string[] = [];
  private readonly cited: number[] = [];
  private backed = false;
  private passedText = '';

  constructor(
    private readonly policy: OutputPolicy,
    private readonly options: { requireBacked: boolean; onPassed?(text: string): void },
  ) {}

  /** Feeds more model text; complete sentences are checked now. */
  push(chunk: string): void {
    this.pending += chunk;
    for (let sentence = this.nextSentence(); sentence !== undefined; sentence = this.nextSentence()) this.take(sentence);
  }

  /** The model has finished: checks the last sentence and returns what passed, with the sections it cites. */
  finish(): { text: string; cited: number[] } {
    if (this.pending.trim() !== '') this.take(this.pending);
    this.pending = '';
    if (this.options.requireBacked && !this.backed) throw new PolicyViolation(this.policy.context.output, 'ungrounded');
    return { text: this.text(), cited: [...this.cited] };
  }

  /** What the player has already been shown (empty until a backed sentence passed). */
  get shown(): { text: string; cited: number[] } | undefined {
    return this.passedText ? { text: this.passedText, cited: [...this.cited] } : undefined;
  }

  private text(): string {
    return withoutMarkers(this.kept.join(''));
  }

  private take(sentence: string): void {
    if (withoutMarkers(sentence) === '') return;
    const verdict = this.policy.check(sentence);
    if (!verdict.keep) return;
    this.kept.push(sentence);
    for (const n of verdict.cited) if (!this.cited.includes(n)) this.cited.push(n);
    this.backed ||= verdict.cited.length > 0;
    if (this.backed || !this.options.requireBacked) {
      const text = this.text();
      if (text !== this.passedText) {
        this.passedText = text;
        this.options.onPassed?.(text);
      }
    }
  }

  /** Cuts the next complete sentence (with the whitespace after it) off the pending text, if there is one. */
  private nextSentence(): string | undefined {
    SENTENCE_END.lastIndex = 0;
    for (let end = SENTENCE_END.exec(this.pending); end; end = SENTENCE_END.exec(this.pending)) {
      const stop = end.index + end[0].length;
      const candidate = this.pending.slice(0, stop);
      if (end[0] !== '\n' && LIST_MARKER.test(candidate) && candidate.replace(LIST_MARKER, '').trim() === '') continue;
      const rest = this.pending.slice(stop);
      // More citation markers may still be on their way; wait for the first word of the next sentence.
      if (end[0] !== '\n' && /^(?:\s*\[\d{0,3}\]?)*\s*$/.test(rest)) return undefined;
      const gap = /^\s*/.exec(rest)![0];
      this.pending = rest.slice(gap.length);
      if (candidate.trim() !== '') return candidate + gap;
      SENTENCE_END.lastIndex = 0;
    }
    return undefined;
  }
}
