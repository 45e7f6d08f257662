import LanguageSwitch from "@/components/LanguageSwitch";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { m } from "@/paraglide/messages";

/** The app's language for this account: what it shows and emails in. */
export function LanguageSettings() {
  return (
    <SettingsCard
      title={m.app_language()}
      description={m.settings_language_description()}
    >
      <LanguageSwitch full />
    </SettingsCard>
  );
}
