/** Every Redis key of the identity module, with how long it lives. */
export function identityKeys(prefix: string) {
  return {
    /** A messenger link code and the player it links to: 10 minutes, deleted when used. */
    linkCode: (code: string) => `${prefix}identity:link:${code}`,
    /** The player API's last answer for one player (`PLAYER_API_CACHE_SECONDS`, at most a minute). */
    playerCache: (playerId: string) => `${prefix}identity:player:${playerId}`,
  };
}
export type IdentityKeys = ReturnType<typeof identityKeys>;
