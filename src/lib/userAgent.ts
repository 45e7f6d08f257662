import { m } from "@/paraglide/messages";

/**
 * "Chrome on macOS" from a user-agent string. Deliberately rough: it labels
 * sessions for a person, it doesn't make decisions. Browsers and systems
 * keep their names in every language.
 */
export function describeUserAgent(
  userAgent: string | null | undefined,
): string {
  if (!userAgent) return m.error_device_unknown();
  const browser =
    [
      // i18n: not shown to users as our words: browsers' names, the same in
      // every language (and the user-agent tokens that give them away)
      ["Edg/", "Edge"],
      ["OPR/", "Opera"],
      // i18n: browsers' names, as above
      ["Firefox/", "Firefox"],
      ["HeadlessChrome/", "Headless Chrome"],
      ["Chrome/", "Chrome"],
      // i18n: browsers' names, as above
      ["Safari/", "Safari"],
    ].find(([token]) => userAgent.includes(token!))?.[1] ??
    m.error_device_browser();
  const os =
    [
      // i18n: not shown to users as our words: systems' names, the same in
      // every language (and the user-agent tokens that give them away)
      ["Android", "Android"],
      ["iPhone", "iOS"],
      // i18n: systems' names, as above
      ["iPad", "iPadOS"],
      ["Mac OS X", "macOS"],
      ["Windows", "Windows"],
      // i18n: systems' names, as above
      ["CrOS", "ChromeOS"],
      ["Linux", "Linux"],
    ].find(([token]) => userAgent.includes(token!))?.[1] ??
    m.error_device_unknown_system();
  return m.error_device({ browser, os });
}
