/**
 * The sections of the Settings page, in order: `?section=` (validated in the
 * route tree, src/router.tsx) picks one. Only the names, so the route tree
 * (first bundle) reads them without the page's code; labels are the page's.
 */
const SECTIONS = ["profile", "security", "sessions", "danger"] as const;

export type SettingsSection = (typeof SECTIONS)[number];

/** `?section=`: one of the sections, else undefined (the first one). */
export function settingsSection(value: unknown): SettingsSection | undefined {
  return SECTIONS.find((section) => section === value);
}

/** The page itself, opened at `section`: for return-to links. */
export function settingsPath(section: SettingsSection): string {
  return `/settings?section=${section}`;
}
