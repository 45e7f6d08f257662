/**
 * The sections of the Settings page, in order: `?section=` (validated in the
 * route tree, src/router.tsx) picks one. Kept apart from the page so the
 * route tree reads the names without loading the page's code.
 */
export const SETTINGS_SECTIONS = {
  profile: "Profile",
  security: "Sign-in & security",
  sessions: "Sessions",
  danger: "Danger zone",
} as const;

export type SettingsSection = keyof typeof SETTINGS_SECTIONS;

/** `?section=`: one of the sections, else undefined (the first one). */
export function settingsSection(value: unknown): SettingsSection | undefined {
  return typeof value === "string" && Object.hasOwn(SETTINGS_SECTIONS, value)
    ? (value as SettingsSection)
    : undefined;
}

/** The page itself, opened at `section`: for return-to links. */
export function settingsPath(section: SettingsSection): string {
  return `/settings?section=${section}`;
}
