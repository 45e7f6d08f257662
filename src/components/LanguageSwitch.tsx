import { useConvexAuth } from "convex/react";
import { Languages } from "lucide-react";
import { useAdminView } from "@/lib/impersonation";
import {
  changeLocale,
  languageName,
  locales,
  saveLocale,
  useLocale,
  type Locale,
} from "@/lib/locale";
import { cn } from "@/lib/utils";
import { m } from "@/paraglide/messages";

/**
 * The language: a native select, so keyboards, screen readers and phones
 * handle it as they know. In the header it shows as an icon and the
 * language's code (its own chunk, fetched as the app starts); in settings
 * (`full`), with the language's name.
 */
export default function LanguageSwitch({ full = false }: { full?: boolean }) {
  const locale = useLocale();
  const { isAuthenticated } = useConvexAuth();
  // An admin viewing as a user changes only what this tab shows.
  const viewing = useAdminView();
  const choose = (next: Locale) => {
    changeLocale(next);
    if (isAuthenticated && !viewing) void saveLocale(next);
  };
  const select = (
    <select
      aria-label={m.app_language()}
      data-testid={full ? "language-setting" : "language-switch"}
      value={locale}
      onChange={(event) => choose(event.target.value as Locale)}
      className={cn(
        full
          ? "h-9 w-full max-w-xs rounded-md border bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/30"
          : "absolute inset-0 cursor-pointer opacity-0",
      )}
    >
      {locales.map((option) => (
        <option key={option} value={option} lang={option}>
          {languageName(option)}
        </option>
      ))}
    </select>
  );
  if (full) return select;
  return (
    <span className="relative inline-flex h-9 items-center gap-1 rounded-md px-2 text-sm font-medium uppercase hover:bg-accent hover:text-accent-foreground has-[select:focus-visible]:ring-[3px] has-[select:focus-visible]:ring-ring/50">
      <Languages aria-hidden className="size-4" />
      <span aria-hidden>{locale}</span>
      {select}
    </span>
  );
}
