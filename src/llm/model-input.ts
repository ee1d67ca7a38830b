import { type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { Message } from '../core/schemas.js';
import { redact } from './redact.js';

/**
 * The turns of one model call: our instructions (a prompt file, help-centre sections) as the system
 * turn, and everything players and agents wrote as JSON data in the user turn. JSON escaping keeps
 * a player from closing a delimiter or starting a line of their own, whatever they type.
 */
export function modelTurns(instructions: string, data: Record<string, unknown>): BaseMessage[] {
  return [new SystemMessage(instructions), new HumanMessage(JSON.stringify(data))];
}

/** Transcript messages as data for the model: who wrote each and what, redacted and clipped. */
export function transcriptData(messages: Message[], options: { playerName?: string; maxChars: number }): Array<{ from: string; text: string }> {
  return messages.map((m) => ({ from: m.from, text: redact(m.text, { playerName: options.playerName }).slice(0, options.maxChars) }));
}
