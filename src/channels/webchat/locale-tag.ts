// Runs on the server (session schema) and in the browser (widget), so it imports nothing.

/**
 * The supported language a BCP-47-ish tag asks for: its primary subtag, case and region ignored
 * (`en-US` → en, `az-Latn-AZ` → az, `ru_RU` → ru); undefined for a language we do not speak or garbage.
 */
export function nearestLocale<L extends string>(tag: string | null | undefined, supported: readonly L[]): L | undefined {
  const primary = tag?.trim().split(/[-_]/, 1)[0]?.toLowerCase();
  return supported.find((locale) => locale === primary);
}

/** The first of the tags (most preferred first, like `navigator.languages`) that we speak. */
export function firstSupportedLocale<L extends string>(tags: Iterable<string | null | undefined>, supported: readonly L[]): L | undefined {
  for (const tag of tags) {
    const locale = nearestLocale(tag, supported);
    if (locale) return locale;
  }
  return undefined;
}
