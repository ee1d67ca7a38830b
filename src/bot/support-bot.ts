import { z } from 'zod';
import type { Action, Conversation, Handoff, HandoffReason, Locale, Message } from '../core/schemas.js';
import { breakLengthActions, type SelfService } from './self-service/self-service.js';
import type { ConversationStateMachine } from '../conversation/state-machine.js';
import type { ConversationStore } from '../conversation/store.js';
import type { Metrics } from '../metrics.js';
import { turnConversation } from './adapter.js';
import { agentAction, type Answerer, type ModelTurn } from '../knowledge/answer.js';
import { ActivityHandler, type Context } from './botbuilder.js';
import type { HandoffPort } from './handoff-port.js';
import { isLocalized, localize, type MessageKey } from '../core/messages.js';
import { replyActivity } from './replies.js';
import type { SmallTalkKind } from './small-talk.js';
import { summarize } from './summary.js';
import { extractFacts, factsAreEnough, mergeFacts } from './triage/facts.js';
import { Facts } from '../core/facts.js';
import type { Quote } from './article-quote.js';
import { HANDOFF_PRIORITY, type TriageResult } from '../core/reasons.js';
import { matchText } from '../knowledge/analysis.js';
import type { Logger } from 'pino';
import { maskPhone } from '../core/phone.js';
import type { CallbackCollector, CallbackStep, PendingCallback } from './callback/collector.js';
import { asksForCallback } from './callback/request.js';

export interface SupportBotDeps {
  answer: Answerer;
  /** Triage of one message; the offline rules unless OpenAI mode adds its classifier. */
  classify(text: string, history: () => Promise<Message[]>, turn?: ModelTurn): Promise<TriageResult & { facts?: Facts }>;
  /** A fresh time budget for one turn's model calls (OpenAI mode): triage and answer share it. */
  modelDeadline?(): AbortSignal;
  handoff: HandoffPort;
  conversations: ConversationStore;
  /** Every write of the conversation's mode and flags. */
  state: ConversationStateMachine;
  metrics: Metrics;
  /** The kind of small talk a whole message is (thanks, ok, greeting…), else undefined. */
  smallTalk(text: string): SmallTalkKind | undefined;
  /** The responsible-gambling tools article, quoted and cited, for a gentle check-in. */
  rgTools(locale: Locale): Quote | undefined;
  /** Records the article versions an answer cited (for disputes). */
  remember(citations: NonNullable<Awaited<ReturnType<Answerer>>['citations']>): Promise<void>;
  /** Verified players' own data and limits (when the operator's player API is configured). */
  selfService?: SelfService;
  /** The questions of a phone callback. */
  callbacks: CallbackCollector;
  /** Notes a callback request (the number masked). */
  logger: Pick<Logger, 'info'>;
}

const ASK_FACTS: Partial<Record<HandoffReason, MessageKey>> = {
  dispute: 'askFactsDispute',
  technical_failure: 'askFactsTechnical',
  account_specific: 'askFactsAccount',
};
const INTRO: Partial<Record<HandoffReason, MessageKey>> = { requested: 'handoffRequested', unresolved: 'handoffUnresolved' };
const introOf = (locale: Locale, reason: HandoffReason): string | undefined => {
  const key = INTRO[reason];
  return key && localize(locale, key);
};
/** A greeting gets what the bot can do; "are you a bot?" gets an honest yes and the offer of a person. */
const SMALL_TALK: Record<SmallTalkKind, MessageKey> = {
  greeting: 'capabilities',
  thanks: 'smallTalkThanks',
  ok: 'smallTalkOk',
  bye: 'smallTalkBye',
  bot: 'smallTalkBot',
};
/** The facts found before the facts question was asked (kept on the conversation while it waits for the answer). */
function pendingFactsOf(conversation: Conversation): Facts {
  return Facts.parse(JSON.parse(conversation.pendingFacts ?? '{}'));
}

/** An e-mail address written in a message, when it is a valid one. */
function emailIn(text: string): string | undefined {
  const candidate = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:.]{2,}/u.exec(text)?.[0];
  return candidate && z.email().safeParse(candidate).success ? candidate.toLowerCase() : undefined;
}

const STATUS = /^(status|queue|статус|очередь|где я в очереди|durum|status\?|veziyyet|novbe)[?!.]*$/u;
const RATING = /^([1-5])\s*(\/\s*5|stars?|зв[её]зд\p{L}*|ulduz\p{L}*|yildiz\p{L}*)?[.!]?$/u;
/** Two low-confidence answers in a row hand the conversation to a person. */
const LOW_CONFIDENCE_LIMIT = 2;

/** Our own buttons say exactly what they mean: tapping one needs no classifier. */
const BUTTON_REASONS: Array<[MessageKey, HandoffReason]> = [
  ['actionRgTalk', 'responsible_gambling'],
  ['actionAgent', 'requested'],
];

/** Buttons that carry no reason: "I'm fine" answers a check-in, "Helpful" thanks an answer. */
const CALM_BUTTONS: MessageKey[] = ['actionRgFine', 'actionHelpful'];

function withButtonTaps(triage: TriageResult & { facts?: Facts }, text: string): TriageResult & { facts?: Facts } {
  // Reading our own label as a signal ("Helpful" as a complaint that nothing helped) would not be listening.
  if (CALM_BUTTONS.some((key) => isLocalized(text, key))) return { reason: undefined, signals: [] };
  const tapped = BUTTON_REASONS.find(([key]) => isLocalized(text, key))?.[1];
  if (!tapped || triage.signals.includes(tapped)) return triage;
  const signals = [...triage.signals, tapped].sort((a, b) => HANDOFF_PRIORITY[a] - HANDOFF_PRIORITY[b]);
  return { ...triage, reason: signals[0], signals, checkIn: false };
}

/**
 * The bot's decisions for one player message: rating, then triage (responsible gambling first),
 * fact collection and handoff, and otherwise an answer from the knowledge base.
 */
export class SupportBot extends ActivityHandler {
  constructor(private readonly deps: SupportBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const conversation = turnConversation(context);
      const name = conversation.name ? `, ${conversation.name}` : '';
      await context.sendActivity(replyActivity(localize(conversation.locale, 'greeting', { name }), conversation.locale));
      await next();
    });
  }

  private async handleMessage(context: Context): Promise<void> {
    const conversation = turnConversation(context);
    const text = context.activity.text ?? '';
    // The transcript already ends with this message; the history is what came before it.
    const history = async () => (await this.deps.conversations.recent(conversation.key, 9)).slice(0, -1);
    const turn: ModelTurn = { deadline: this.deps.modelDeadline?.(), playerName: conversation.name };
    // A tapped option or a bare number answers the call question: nothing to read a reason from.
    const callAnswer = conversation.callbackStep !== undefined && this.deps.callbacks.isOption(conversation, text);
    const triage = callAnswer ? { reason: undefined, signals: [] } : withButtonTaps(await this.deps.classify(text, history, turn), text);
    const harmMessage: MessageKey = triage.crisis ? 'crisisSupport' : 'rgSupport';
    if (triage.signals.includes('responsible_gambling') && !conversation.rgFlag) {
      await this.deps.state.flag(conversation.key, { rgFlag: 'true' });
      conversation.rgFlag = 'true';
    }
    if (conversation.awaitingRating && (await this.takeRating(context, conversation, text))) return;
    if (conversation.callbackStep) {
      // Harm outranks the call: its help and handoff come now, the call questions stop.
      if (triage.reason !== 'responsible_gambling') return this.callbackAnswer(context, conversation, text);
      await this.deps.state.flag(conversation.key, { callbackStep: null, pendingCallback: null });
    }
    if (conversation.mode !== 'agent' && asksForCallback(text)) return this.callbackRequest(context, conversation, text, triage, harmMessage);
    if (conversation.playerId && this.deps.selfService && (await this.selfServe(context, conversation as Conversation & { playerId: string }, text, triage, harmMessage))) return;

    // A file with words is read by its words (the agent sees the file); a file alone gets asked for words.
    const fileOnly = Boolean(context.activity.attachments?.length) && text.replace(/^\[[a-z_]+\]/, '').trim() === '';
    if (conversation.mode === 'bot' && fileOnly) return this.say(context, conversation.locale, 'describeInText');
    if (conversation.mode === 'queued') return this.whileQueued(context, conversation, text, triage.reason, turn, harmMessage);
    if (conversation.mode === 'collecting') return this.collectFacts(context, conversation, text, triage.reason, harmMessage);
    if (triage.reason) return this.startHandoff(context, conversation, triage.reason, text, triage.facts, harmMessage);
    if (triage.checkIn) return this.checkIn(context, conversation, text, history, turn);
    return this.answer(context, conversation, text, history, turn);
  }

  /**
   * A verified player's message through self-service; true when that answered it. A reply to a
   * message that also shows harm is followed by the usual responsible-gambling handoff.
   */
  private async selfServe(context: Context, conversation: Conversation & { playerId: string }, text: string, triage: TriageResult, harmMessage: MessageKey): Promise<boolean> {
    const outcome = await this.deps.selfService!.handle(conversation, text, triage);
    const { locale } = conversation;
    if (outcome.kind === 'pass') return false;
    if (outcome.kind === 'reply') {
      await this.deps.remember(outcome.citations);
      await context.sendActivity(replyActivity(outcome.text, locale, outcome.actions, { citations: outcome.citations, accountData: outcome.accountData }));
      return !(triage.reason === 'responsible_gambling' && conversation.mode === 'bot');
    }
    if (outcome.intro) await context.sendActivity(replyActivity(outcome.intro, locale));
    if (conversation.mode === 'queued' && conversation.ticketId) {
      if (outcome.reason === 'responsible_gambling') await this.deps.handoff.escalate(conversation.ticketId, outcome.reason);
      await this.deps.handoff.addFacts(conversation.ticketId, outcome.facts);
      await this.say(context, locale, harmMessage);
      return true;
    }
    await this.startHandoff(context, conversation, outcome.reason, text, {}, harmMessage, outcome.facts);
    return true;
  }

  private async takeRating(context: Context, conversation: Conversation, text: string): Promise<boolean> {
    const ticketId = conversation.awaitingRating!;
    await this.deps.state.flag(conversation.key, { awaitingRating: null });
    const rating = RATING.exec(matchText(text))?.[1] ?? (/^⭐{1,5}$/u.test(text.trim()) ? String([...text.trim()].length) : undefined);
    if (!rating) return false;
    await this.deps.handoff.rate(ticketId, Number(rating));
    await this.say(context, conversation.locale, 'ratingThanks');
    return true;
  }

  private async startHandoff(
    context: Context,
    conversation: Conversation,
    reason: HandoffReason,
    text: string,
    modelFacts: Facts = {},
    harmMessage: MessageKey = 'rgSupport',
    /** Facts from the operator's records (self-service): they win over what the words seem to say. */
    recorded: Facts = {},
  ): Promise<void> {
    const facts = mergeFacts(modelFacts, extractFacts(text), recorded);
    const ask = ASK_FACTS[reason];
    if (ask && !factsAreEnough(facts)) {
      await this.deps.state.collect(conversation.key, { reason, facts: JSON.stringify(facts), summary: text.slice(0, 1000) });
      const handoff: Handoff = { reason, status: 'collecting' };
      await context.sendActivity(replyActivity(localize(conversation.locale, ask), conversation.locale, [], { handoff }));
      return;
    }
    await this.queue(context, conversation, reason, text, facts, introOf(conversation.locale, reason), harmMessage);
  }

  /** The one message after the facts question: whatever the player says, the ticket goes ahead. */
  private async collectFacts(context: Context, conversation: Conversation, text: string, reason: HandoffReason | undefined, harmMessage: MessageKey): Promise<void> {
    const pending = pendingFactsOf(conversation);
    const facts = mergeFacts(pending, extractFacts(text), { details: text.slice(0, 1000) });
    const firstMessage = conversation.pendingSummary ?? text;
    const finalReason = reason === 'responsible_gambling' ? reason : (conversation.pendingReason ?? 'requested');
    await this.queue(context, conversation, finalReason, firstMessage, facts, localize(conversation.locale, 'handoffThanks'), harmMessage);
  }

  private async queue(
    context: Context,
    conversation: Conversation,
    reason: HandoffReason,
    text: string,
    facts: Facts,
    intro: string | undefined = introOf(conversation.locale, reason),
    harmMessage: MessageKey = 'rgSupport',
  ): Promise<void> {
    const { locale } = conversation;
    const summary = `${harmMessage === 'crisisSupport' ? 'CRISIS LANGUAGE. ' : ''}${summarize(reason, text, facts)}`;
    const withPlayer = conversation.playerId ? { ...facts, player: conversation.playerId } : facts;
    const handoff = await this.deps.handoff.open({ conversation, reason, facts: withPlayer, summary });
    if (reason === 'responsible_gambling') {
      await context.sendActivity(replyActivity(localize(locale, harmMessage), locale, this.breakActions(conversation), { handoff }));
    }
    await this.sendQueued(context, locale, handoff, reason !== 'responsible_gambling' ? intro : undefined);
  }

  /**
   * "Call me": the questions a call needs, one per message, then the ticket. A reason that outranks
   * a callback (harm, a dispute, money at stake, the player's account) stays the ticket's reason, with
   * the call added; harm opens its ticket first, the questions follow while the player waits.
   */
  private async callbackRequest(context: Context, conversation: Conversation, text: string, triage: TriageResult & { facts?: Facts }, harmMessage: MessageKey): Promise<void> {
    let current = conversation;
    if (conversation.mode !== 'queued' && triage.reason === 'responsible_gambling') {
      await this.startHandoff(context, conversation, triage.reason, text, triage.facts, harmMessage);
      current = await this.deps.conversations.require(conversation.key);
    }
    const outranks = triage.reason && HANDOFF_PRIORITY[triage.reason] < HANDOFF_PRIORITY.callback ? triage.reason : undefined;
    const pending: Omit<PendingCallback, 'attempts'> =
      current.mode === 'queued' && current.ticketId
        ? { ticketId: current.ticketId }
        : current.mode === 'collecting'
          ? { reason: outranks ?? current.pendingReason ?? 'callback', summary: current.pendingSummary ?? text, facts: pendingFactsOf(current) }
          : { reason: outranks ?? 'callback', summary: text, facts: mergeFacts(triage.facts ?? {}, extractFacts(text)) };
    await this.callbackStep(context, current, this.deps.callbacks.begin(current, text, pending));
  }

  private async callbackAnswer(context: Context, conversation: Conversation, text: string): Promise<void> {
    if (conversation.ticketId) await this.deps.handoff.activity(conversation.ticketId);
    await this.callbackStep(context, conversation, this.deps.callbacks.answer(conversation, text));
  }

  private async callbackStep(context: Context, conversation: Conversation, step: CallbackStep): Promise<void> {
    const { key, locale } = conversation;
    if (step.kind === 'ask') {
      await this.deps.state.flag(key, { callbackStep: step.step, pendingCallback: JSON.stringify(step.pending) });
      await context.sendActivity(replyActivity(step.text, locale, step.actions));
      return;
    }
    await this.deps.state.flag(key, { callbackStep: null, pendingCallback: null });
    if (step.kind === 'stop') return void (await context.sendActivity(replyActivity(step.text, locale)));
    const { pending, facts, confirmation } = step;
    this.deps.logger.info({ conversation: key, phone: maskPhone(facts.phone ?? ''), language: facts.callbackLanguage, window: facts.callbackWindow, ticketId: pending.ticketId }, 'callback requested');
    if (pending.ticketId) {
      await this.deps.handoff.addFacts(pending.ticketId, facts);
      await context.sendActivity(replyActivity(localize(locale, 'callbackAdded', { ...confirmation, ticketId: pending.ticketId }), locale, [], { from: 'system' }));
      return;
    }
    const reason = pending.reason ?? 'callback';
    const summary = pending.summary ?? '';
    await this.queue(context, conversation, reason, summary, { ...pending.facts, ...facts }, localize(locale, 'callbackBooked', confirmation));
  }

  /** A verified player in trouble can take a break with one tap while they wait for a person. */
  private breakActions(conversation: Conversation): Action[] {
    if (!conversation.playerId || !this.deps.selfService) return [];
    return breakLengthActions(conversation.locale);
  }

  private async sendQueued(context: Context, locale: Locale, handoff: Handoff, intro?: string): Promise<void> {
    const queued = localize(locale, 'queued', {
      ticketId: handoff.ticketId ?? '',
      position: handoff.position ?? 1,
      wait: this.deps.handoff.waitText(locale, handoff),
    });
    await context.sendActivity(replyActivity([intro, queued].filter(Boolean).join(' '), locale, [], { from: 'system', handoff }));
  }

  private async whileQueued(
    context: Context,
    conversation: Conversation,
    text: string,
    reason: HandoffReason | undefined,
    turn: ModelTurn,
    harmMessage: MessageKey,
  ): Promise<void> {
    const { locale, ticketId } = conversation;
    if (!ticketId) return this.answer(context, conversation, text, async () => [], turn);
    await this.deps.handoff.activity(ticketId);
    if (STATUS.test(matchText(text))) {
      const handoff = await this.deps.handoff.status(ticketId);
      const message = localize(locale, 'queueStatus', { ticketId, position: handoff.position ?? 1, wait: this.deps.handoff.waitText(locale, handoff) });
      await context.sendActivity(replyActivity(message, locale, [], { from: 'system', handoff }));
      return;
    }
    if (reason === 'responsible_gambling') {
      await this.deps.handoff.escalate(ticketId, reason);
      await this.say(context, locale, harmMessage);
      return;
    }
    const email = emailIn(text);
    if (email) {
      await this.deps.handoff.addFacts(ticketId, { email });
      await context.sendActivity(replyActivity(localize(locale, 'emailNoted', { email, ticketId }), locale, [], { from: 'system' }));
      return;
    }
    if (!conversation.queuedAcked) {
      await this.deps.state.flag(conversation.key, { queuedAcked: 'true' });
      await context.sendActivity(replyActivity(localize(locale, 'queuedAck', { ticketId }), locale, [], { from: 'system' }));
    }
  }

  /**
   * A probable but uncertain harm signal: no handoff and no lasting flag, but a gentle question, the
   * tools (quoted from the rg-tools article) and a one-tap way to a person; a question in the same
   * message is still answered when the bot is sure of the answer.
   */
  private async checkIn(context: Context, conversation: Conversation, text: string, history: () => Promise<Message[]>, turn: ModelTurn): Promise<void> {
    const { locale } = conversation;
    const tools = this.deps.rgTools(locale);
    const citations = tools ? [tools.citation] : [];
    const actions = (['actionRgTalk', 'actionRgFine'] as const).map((key) => ({ title: localize(locale, key), value: localize(locale, key) }));
    await this.deps.remember(citations);
    await context.sendActivity(replyActivity([localize(locale, 'rgCheckIn'), tools?.text].filter(Boolean).join('\n\n'), locale, actions, { citations }));
    await this.answer(context, conversation, text, history, turn, { afterCheckIn: true });
  }

  /** A sure answer ends a run of unsure ones (written only when there was one). */
  private async clearMisses(conversation: Conversation): Promise<void> {
    if (conversation.lowConfidence) await this.deps.state.flag(conversation.key, { lowConfidence: 0 });
  }

  private async answer(
    context: Context,
    conversation: Conversation,
    text: string,
    history: () => Promise<Message[]>,
    turn: ModelTurn,
    { afterCheckIn = false } = {},
  ): Promise<void> {
    const { locale } = conversation;
    if (isLocalized(text, 'actionRgFine')) return this.say(context, locale, 'rgCheckInOk');
    if (isLocalized(text, 'actionHelpful')) {
      await this.clearMisses(conversation);
      return this.say(context, locale, 'helpfulThanks');
    }
    const smallTalk = afterCheckIn ? undefined : this.deps.smallTalk(text);
    // Small talk is neither an answer nor a miss: the low-confidence count stays as it is.
    if (smallTalk) {
      this.deps.metrics.smallTalk(smallTalk);
      const actions = smallTalk === 'bot' ? [agentAction(locale)] : [];
      await context.sendActivity(replyActivity(localize(locale, SMALL_TALK[smallTalk]), locale, actions));
      return;
    }

    await context.sendActivities([{ type: 'typing' }]);
    const answer = await this.deps.answer(text, locale, {
      ...turn,
      history,
      noPromotions: conversation.rgFlag === 'true' || afterCheckIn,
      onPartial: (partial) => void this.deps.conversations.publishPartial(conversation.key, partial).catch(() => undefined),
    });
    // After a check-in only a sure answer follows, and never a promotion.
    if (afterCheckIn && (!answer.confident || answer.category === 'bonuses')) return;
    this.deps.metrics.answer(answer.confident);
    if (!answer.confident) {
      const misses = (conversation.lowConfidence ?? 0) + 1;
      const handOff = misses >= LOW_CONFIDENCE_LIMIT;
      await this.deps.state.flag(conversation.key, { lowConfidence: handOff ? 0 : misses });
      if (handOff) return this.queue(context, conversation, 'unresolved', text, {});
    } else {
      await this.clearMisses(conversation);
    }
    const agent = { title: localize(locale, 'actionAgent'), value: localize(locale, 'actionAgent') };
    if (conversation.rgFlag && answer.category === 'bonuses') {
      await context.sendActivity(replyActivity(localize(locale, 'rgNoBonus'), locale, [agent]));
      return;
    }
    await this.deps.remember(answer.citations);
    await context.sendActivity(replyActivity(answer.text, locale, answer.actions, { citations: answer.citations }));
  }

  private async say(context: Context, locale: Locale, key: MessageKey): Promise<void> {
    await context.sendActivity(replyActivity(localize(locale, key), locale));
  }
}
