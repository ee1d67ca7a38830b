/** The longest message a player can send, in characters: checked by the API and counted down by the chat page. */
export const MAX_TEXT_LENGTH = 4000;
