import { getLocale } from "@/paraglide/runtime";
import { m } from "@/paraglide/messages";

/**
 * Dates, times and numbers in the app's language, through Intl. Formatters
 * are made per call: the language can change while the page is open, and
 * these run a few times per render at most.
 */
export function formatDate(time: number | Date): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: "medium" }).format(
    time,
  );
}

export function formatDateTime(time: number | Date): string {
  return new Intl.DateTimeFormat(getLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(time);
}

export function formatTime(time: number | Date): string {
  return new Intl.DateTimeFormat(getLocale(), { timeStyle: "short" }).format(
    time,
  );
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(getLocale()).format(value);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 hours ago", "yesterday", "just now", in the app's language. */
export function formatRelative(date: Date, now = Date.now()): string {
  const elapsed = now - date.getTime();
  const format = new Intl.RelativeTimeFormat(getLocale(), { numeric: "auto" });
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  }
  return m.settings_just_now();
}
