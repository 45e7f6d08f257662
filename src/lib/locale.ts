import { useEffect, useSyncExternalStore } from "react";
import {
  baseLocale,
  getLocale,
  isLocale,
  locales,
  overwriteGetLocale,
  setLocale,
  type Locale,
} from "@/paraglide/runtime";

/**
 * The language the app speaks. Paraglide picks it on load (the choice saved
 * in this browser, then the browser's languages: scripts/paraglide.ts); a
 * signed-in user's stored choice is applied over that (LocaleSync). Changing
 * it re-renders the app in place: no reload, the session and data stay.
 */
export type { Locale };
export { locales };

const listeners = new Set<() => void>();

// Picked once (Paraglide's strategies read storage and the browser's
// languages on every call), then changed only by changeLocale: every
// message rendered asks for it.
let current = getLocale();
overwriteGetLocale(() => current);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The current language, re-rendering the caller when it changes. */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, getLocale);
}

/** Speaks `locale` from now on, and remembers it in this browser. */
export function changeLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  setLocale(locale, { reload: false });
  document.documentElement.lang = locale;
  listeners.forEach((listener) => listener());
}

/** A stored or sent value as a language the app has, if it is one. */
export function asLocale(value: unknown): Locale | undefined {
  return isLocale(value) ? value : undefined;
}

/** "English", "Deutsch": each language in its own words. */
export function languageName(locale: Locale): string {
  const name = new Intl.DisplayNames([locale], { type: "language" }).of(locale);
  return name ? name[0]!.toLocaleUpperCase(locale) + name.slice(1) : locale;
}

/**
 * Stores the signed-in user's choice on their Better Auth user (mirrored to
 * the app row), which also picks the language of their emails. Best effort:
 * the app already speaks the new language either way.
 */
export async function saveLocale(locale: Locale): Promise<void> {
  const { loadAuthClient } = await import("@/lib/lazyAuthClient");
  const authClient = await loadAuthClient();
  const { error } = await authClient.updateUser({ locale });
  if (error) console.warn("The language choice wasn't saved:", error);
}

/**
 * A signed-in user's stored language, applied when their row arrives (from
 * any device); a user without one yet (signed up with a provider, or
 * before languages) gets this browser's, if it isn't the base language.
 * Not while an admin views as them.
 */
export function useUserLocale(
  me: { locale?: string } | null | undefined,
  viewing: boolean,
): void {
  const signedIn = Boolean(me);
  const stored = me?.locale;
  useEffect(() => {
    if (!signedIn || viewing) return;
    const locale = asLocale(stored);
    if (locale) changeLocale(locale);
    // The base language is what emails use without a choice: no request.
    else if (getLocale() !== baseLocale) void saveLocale(getLocale());
  }, [signedIn, stored, viewing]);
}
