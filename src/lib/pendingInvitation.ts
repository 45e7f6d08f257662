/**
 * An invitation opened signed out, remembered in this browser so that the
 * sign-up's emailed link (often opened in another tab) comes back to it
 * after verifying. Only a path of this app, only for a day; the server
 * decides whether the invitation may be accepted.
 */
const KEY = "pending-invitation";
const DAY = 24 * 60 * 60 * 1000;

export function rememberInvitation(id: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ id, until: Date.now() + DAY }));
  } catch {
    // Storage off: the invitation is still in the person's inbox.
  }
}

/** Forgets the remembered invitation (it has been answered). */
export function forgetInvitation(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Storage off: nothing was remembered.
  }
}

/** The remembered invitation's page, once; null if none (or too old). */
export function takeInvitationPath(): string | null {
  try {
    const stored = localStorage.getItem(KEY);
    localStorage.removeItem(KEY);
    const parsed = stored
      ? (JSON.parse(stored) as { id?: unknown; until?: unknown })
      : null;
    if (
      typeof parsed?.id !== "string" ||
      typeof parsed.until !== "number" ||
      parsed.until < Date.now()
    ) {
      return null;
    }
    return `/invitation/${encodeURIComponent(parsed.id)}`;
  } catch {
    return null;
  }
}
