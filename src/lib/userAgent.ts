/**
 * "Chrome on macOS" from a user-agent string. Deliberately rough: it labels
 * sessions for a person, it doesn't make decisions.
 */
export function describeUserAgent(
  userAgent: string | null | undefined,
): string {
  if (!userAgent) return "Unknown device";
  const browser =
    [
      ["Edg/", "Edge"],
      ["OPR/", "Opera"],
      ["Firefox/", "Firefox"],
      ["HeadlessChrome/", "Headless Chrome"],
      ["Chrome/", "Chrome"],
      ["Safari/", "Safari"],
    ].find(([token]) => userAgent.includes(token!))?.[1] ?? "Browser";
  const os =
    [
      ["Android", "Android"],
      ["iPhone", "iOS"],
      ["iPad", "iPadOS"],
      ["Mac OS X", "macOS"],
      ["Windows", "Windows"],
      ["CrOS", "ChromeOS"],
      ["Linux", "Linux"],
    ].find(([token]) => userAgent.includes(token!))?.[1] ?? "unknown system";
  return `${browser} on ${os}`;
}
