import { Link, useSearch } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { Page } from "@/components/Page";
import { cn } from "@/lib/utils";
import { AccountMethodsProvider } from "@/components/settings/accountMethods";
import { ChangeEmail } from "@/components/settings/ChangeEmail";
import { ChangeName } from "@/components/settings/ChangeName";
import { DeleteAccount } from "@/components/settings/DeleteAccount";
import { LanguageSettings } from "@/components/settings/LanguageSettings";
import { Passkeys } from "@/components/settings/Passkeys";
import { PasswordSettings } from "@/components/settings/PasswordSettings";
import { Sessions } from "@/components/settings/Sessions";
import { SignInMethods } from "@/components/settings/SignInMethods";
import { TwoFactorSettings } from "@/components/settings/TwoFactorSettings";
import type { SettingsSection } from "@/components/settings/sections";
import { m } from "@/paraglide/messages";

/** In order: the section links' text (called at render: the language can change). */
const SETTINGS_SECTIONS: Record<SettingsSection, () => string> = {
  profile: m.settings_section_profile,
  security: m.settings_section_security,
  sessions: m.settings_section_sessions,
  danger: m.settings_section_danger,
};

const CARDS: Record<SettingsSection, () => ReactNode> = {
  profile: () => (
    <>
      <ChangeName />
      <ChangeEmail />
      <LanguageSettings />
    </>
  ),
  security: () => (
    <>
      <SignInMethods />
      <PasswordSettings />
      <Passkeys />
      <TwoFactorSettings />
    </>
  ),
  sessions: () => <Sessions />,
  danger: () => <DeleteAccount />,
};

/**
 * Account self-service, one section at a time (`?section=`), so a phone
 * shows a screenful instead of every card; every change goes through
 * Better Auth.
 */
export default function Settings() {
  // Annotated: the page's own type is part of the route tree's, so an
  // inferred one would be circular.
  const { section }: { section?: SettingsSection } = useSearch({
    from: "/signed-in/settings",
  });
  const current = section ?? "profile";
  return (
    <Page>
      <h1 className="text-2xl font-semibold tracking-tight">
        {m.settings_title()}
      </h1>
      <nav aria-label={m.settings_sections_label()}>
        {/* Two by two at phone widths, one row from `sm` up. */}
        <ul className="grid grid-cols-2 gap-1 rounded-lg bg-muted p-1 sm:flex">
          {Object.entries(SETTINGS_SECTIONS).map(([id, label]) => (
            <li key={id} className="sm:flex-1">
              <Link
                to="/settings"
                search={{ section: id as SettingsSection }}
                aria-current={id === current ? "page" : undefined}
                className={cn(
                  "flex h-9 items-center justify-center rounded-md px-3 text-center text-sm font-medium outline-none transition-colors hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  id === current
                    ? "bg-background text-foreground shadow-sm dark:bg-input/50"
                    : "text-muted-foreground",
                )}
              >
                {label()}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <AccountMethodsProvider>
        <div className="flex flex-col gap-6" data-testid={`section-${current}`}>
          {CARDS[current]()}
        </div>
      </AccountMethodsProvider>
    </Page>
  );
}
