// Shared by kb:check (which placeholders a team reply may use) and the agent console (which fills
// them in), so this module imports nothing: the console's browser bundle includes it as it is.

/** What a team reply may say in braces; the console knows each of them for the ticket on screen. */
export const REPLY_PLACEHOLDERS = ['player.name', 'agent.name', 'ticket.id'] as const;
export type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number];

/** Anything written like a placeholder: `{player.name}`, and the near misses `{name}`, `{ player.name }`, `{Player.Name}`. */
const PLACEHOLDER_LIKE = /\{\s*[A-Za-z_][\w.]*\s*\}/g;

const isKnown = (written: string): written is `{${ReplyPlaceholder}}` => REPLY_PLACEHOLDERS.some((name) => written === `{${name}}`);

/** The placeholder-like words of a reply that the console would not fill in, each once, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER_LIKE) ?? [])].filter((written) => !isKnown(written));
}

/**
 * Fills a reply's placeholders. One without a value (a player who never gave a name) goes together
 * with the comma or spaces before it, so "Hello, {player.name}!" reads "Hello!" in any language,
 * where a stand-in word would need the right grammatical case and gender.
 */
export function fillPlaceholders(text: string, values: Partial<Record<ReplyPlaceholder, string>>): string {
  return text.replace(/[ \t]*,?[ \t]*(\{[\w.]+\})/g, (whole, written: string) => {
    if (!isKnown(written)) return whole;
    const value = values[written.slice(1, -1) as ReplyPlaceholder]?.trim();
    return value ? whole.slice(0, whole.length - written.length) + value : '';
  });
}
