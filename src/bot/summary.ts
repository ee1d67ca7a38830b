import type { HandoffReason } from '../core/schemas.js';
import type { Facts } from '../core/facts.js';

const REASON_LABEL: Record<HandoffReason, string> = {
  responsible_gambling: 'Responsible gambling signals',
  dispute: 'Dispute / complaint',
  technical_failure: 'Technical failure with money at stake',
  account_specific: 'Question about their own account',
  requested: 'Asked for a person',
  unresolved: 'Bot could not help',
  callback: 'Asked to be called back',
};

const FACT_LABEL: Record<keyof Facts, string> = {
  amount: 'amount',
  reference: 'round/transaction id',
  when: 'when',
  game: 'game',
  method: 'payment method',
  email: 'e-mail to reach them at',
  player: 'verified player',
  item: 'account item',
  request: 'asked for',
  details: 'player details',
  phone: 'call back on',
  callbackLanguage: 'call in',
  callbackWindow: 'call between',
  callbackOutcome: 'last call',
};

function clip(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The bot's summary for the agent: why the ticket exists, in the player's words, and the facts found. */
export function summarize(reason: HandoffReason, playerText: string, facts: Facts): string {
  const known = (Object.keys(FACT_LABEL) as Array<keyof Facts>)
    .filter((key) => key !== 'details' && facts[key])
    .map((key) => `${FACT_LABEL[key]}: ${facts[key]}`);
  return [`${REASON_LABEL[reason]}. Player wrote: "${clip(playerText)}"`, known.length > 0 ? `Facts — ${known.join('; ')}.` : 'No facts collected yet.'].join(' ');
}
