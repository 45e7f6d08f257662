import LanguageSwitch from "@/components/LanguageSwitch";
import { ThemeToggle } from "@/components/ThemeToggle";

/**
 * The header's language switch and theme toggle: their own chunk, fetched
 * as the app starts (src/components/Header.tsx), so the first bundle
 * carries neither them nor their icons.
 */
export default function HeaderTools() {
  return (
    <>
      <LanguageSwitch />
      <ThemeToggle />
    </>
  );
}
