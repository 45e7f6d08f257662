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
