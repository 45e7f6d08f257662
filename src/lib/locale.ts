import { useSyncExternalStore } from "react";
import {
  getLocale,
  isLocale,
  locales,
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
  if (locale === getLocale()) return;
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
