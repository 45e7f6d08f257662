import { getLocale } from "@/paraglide/runtime";

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
