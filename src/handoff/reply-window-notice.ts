import type { ReplyPermit } from '../conversation/reply-window.js';
import type { ChannelId } from '../core/schemas.js';

/** The messengers that have a reply window, as agents know them. */
const MESSENGER_NAMES: Partial<Record<ChannelId, string>> = { whatsapp: 'WhatsApp', messenger: 'Messenger', instagram: 'Instagram' };

const HOUR_MS = 3600 * 1000;

function span(ms: number): string {
  const hours = Math.round(ms / HOUR_MS);
  return hours > 24 && hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;
}

/** Why an agent's reply was refused: which messenger, how long it allows, and when that closed. */
export function windowClosedMessage(channel: ChannelId, refused: Extract<ReplyPermit, { send: false }>): string {
  const { window } = refused;
  const name = MESSENGER_NAMES[channel] ?? channel;
  const allowed = window.humanAgentMs === undefined ? span(window.standardMs) : `${span(window.humanAgentMs)} (after ${span(window.standardMs)} only with the HUMAN_AGENT tag)`;
  return `${name} only delivers replies within ${allowed} of the player's last message; that window closed at ${refused.closedAt.toISOString()}. The player has to write again first — nothing was sent.`;
}

/** What the agent is told when their reply went out under the HUMAN_AGENT tag, and until when that lasts. */
export function humanAgentWarning(channel: ChannelId, tagged: Extract<ReplyPermit, { humanAgentTag: true }>): string {
  const name = MESSENGER_NAMES[channel] ?? channel;
  return `Sent with ${name}'s HUMAN_AGENT tag: the 24-hour window closed at ${tagged.standardClosedAt.toISOString()}; replies are refused after ${tagged.closesAt.toISOString()}.`;
}
