import { useSyncExternalStore } from "react";

/**
 * Light or dark: the `.dark` class on <html>, which public/theme.js sets
 * before the first paint from the saved choice (or the system's). The toggle
 * saves the choice under the same key; with none saved, the page follows the
 * system setting as it changes.
 */
export type Theme = "light" | "dark";

const KEY = "theme";
const listeners = new Set<() => void>();
const systemDark = () => matchMedia("(prefers-color-scheme: dark)");

function apply(theme: Theme) {
  document.documentElement.classList.toggle("dark", theme === "dark");
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const followSystem = (event: MediaQueryListEvent) => {
    if (!localStorage.getItem(KEY)) apply(event.matches ? "dark" : "light");
  };
  const query = systemDark();
  query.addEventListener("change", followSystem);
  return () => {
    listeners.delete(listener);
    query.removeEventListener("change", followSystem);
  };
}

const current = (): Theme =>
  document.documentElement.classList.contains("dark") ? "dark" : "light";

export function useTheme(): [Theme, (theme: Theme) => void] {
  const theme = useSyncExternalStore(subscribe, current);
  const setTheme = (next: Theme) => {
    localStorage.setItem(KEY, next);
    apply(next);
  };
  return [theme, setTheme];
}
