import type { BetterAuthClientPlugin } from "better-auth/client";

/**
 * This browser's device tokens (convex/deviceTokens.ts): one per account
 * signed in here, so the rate limits tell its owner from a stranger. Kept
 * in storage of their own, since signing out clears the cross-domain
 * plugin's, and a token is most useful at the next sign-in.
 */
const STORAGE_KEY = "app.deviceTokens";
// Must match convex/deviceTokens.ts (not imported: it pulls in server code).
const REQUEST_HEADER = "x-device-tokens";
const RESPONSE_HEADER = "x-set-device-token";
const MAX_TOKENS = 5;

function stored(): string[] {
  try {
    const tokens: unknown = JSON.parse(
      localStorage.getItem(STORAGE_KEY) ?? "[]",
    );
    return Array.isArray(tokens)
      ? tokens.filter((token): token is string => typeof token === "string")
      : [];
  } catch {
    return [];
  }
}

type FetchPlugin = NonNullable<BetterAuthClientPlugin["fetchPlugins"]>[number];

const sendAndKeep: FetchPlugin = {
  id: "device-tokens",
  // i18n: not shown to users (a fetch plugin's name)
  name: "Device tokens",
  init(url, options) {
    const tokens = stored();
    if (tokens.length === 0 || !options) return { url, options };
    // Headers as the cross-domain plugin sets them: a plain object.
    options.headers = {
      ...(options.headers as Record<string, string> | undefined),
      [REQUEST_HEADER]: tokens.join(","),
    };
    return { url, options };
  },
  hooks: {
    onSuccess(context) {
      const token = context.response.headers.get(RESPONSE_HEADER);
      if (!token) return;
      // Newest first; the oldest account's token drops off.
      const tokens = [token, ...stored()].slice(0, MAX_TOKENS);
      localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
    },
  },
};

/** The auth client plugin that sends the tokens and keeps new ones. */
export function deviceTokensClient() {
  return {
    id: "device-tokens",
    fetchPlugins: [sendAndKeep],
  } satisfies BetterAuthClientPlugin;
}
