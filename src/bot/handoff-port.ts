import type { Conversation, Handoff, HandoffReason, Locale } from '../core/schemas.js';
import type { Facts } from '../core/facts.js';

/** What the bot needs from the handoff module (implemented by HandoffService). */
export interface HandoffPort {
  open(input: { conversation: Conversation; reason: HandoffReason; facts: Facts; summary: string }): Promise<Handoff>;
  status(ticketId: string): Promise<Handoff>;
  /** The wait as the player reads it after their place: a time, or that nobody who can help is online now, and why. */
  waitText(locale: Locale, handoff: Handoff): string;
  rate(ticketId: string, rating: number): Promise<void>;
  /** The player wrote while queued: let the agents know. */
  activity(ticketId: string): Promise<void>;
  /** Facts the player gave while waiting (an e-mail address to be reached at, what a request is about). */
  addFacts(ticketId: string, facts: Facts): Promise<void>;
  /** A more urgent reason showed up while queued (e.g. harm signals): move the ticket up. */
  escalate(ticketId: string, reason: HandoffReason): Promise<void>;
}
