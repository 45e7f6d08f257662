/**
 * Search-parameter validators for the route tree: each keeps a value only if
 * it has the expected type, so a page never sees a malformed one.
 */
export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A whole number ≥ 1 (from `?page=2`, which the router parses to 2). */
export function optionalPage(value: unknown): number | undefined {
  const page = typeof value === "string" ? Number(value) : value;
  return typeof page === "number" && Number.isInteger(page) && page >= 1
    ? page
    : undefined;
}

/**
 * Where a sign-in returns to (`?redirect=`): a path of this app, else
 * undefined (then the dashboard), so a link can't send someone elsewhere
 * through the sign-in page. Only "/…", never "//…", a backslash, a control
 * character or a scheme, at every level of percent-decoding (a decoder
 * further on must not find another origin either).
 *
 * @example returnPath("/admin?user=k57…") // "/admin?user=k57…"
 * @example returnPath("//evil.example") // undefined
 */
export function returnPath(value: unknown): string | undefined {
  if (typeof value !== "string") return;
  try {
    for (let path = value; ;) {
      if (!/^\/(?![/\\])[^\\\p{Cc}]*$/u.test(path)) return;
      const decoded = decodeURIComponent(path);
      if (decoded === path) return value;
      path = decoded;
    }
  } catch {
    // Not decodable: refused, as anything unclear is.
  }
}
