/**
 * Passkey ceremonies and management, loaded only when a page needs them
 * (the sign-in page's button and autofill, the settings list), so WebAuthn's
 * browser code stays out of the first bundle. The ceremonies are the
 * passkey plugin's own client code, run on this app's auth client (so the
 * cross-domain session header and the session refresh work as for every
 * other call).
 */
import { getPasskeyActions } from "@better-auth/passkey/client";
import { atom } from "nanostores";
import type { AuthClient } from "@/lib/auth-client";

export type PasskeyRow = {
  id: string;
  name?: string | null;
  createdAt: string | Date;
  deviceType: string;
  backedUp: boolean;
};

type Failure = { code?: string; message?: string; status?: number } | null;
export type PasskeyResult<T> = { data: T | null; error: Failure };

export function passkeys(authClient: AuthClient) {
  const ceremonies = getPasskeyActions(authClient.$fetch, {
    $listPasskeys: atom(),
    $store: {
      ...authClient.$store,
      // The cross-domain plugin signals a new session itself. The passkey
      // code signals after every attempt, refused ones too, which would
      // remount the sign-in page and lose the refusal's message.
      notify: () => undefined,
    },
  });
  return {
    /** Discoverable sign-in; `autoFill` waits for the email field's autofill. */
    signIn: (autoFill = false) => ceremonies.signIn.passkey({ autoFill }),
    add: (name: string) => ceremonies.passkey.addPasskey({ name }),
    list: () =>
      authClient.$fetch<PasskeyRow[]>("/passkey/list-user-passkeys", {
        method: "GET",
      }) as Promise<PasskeyResult<PasskeyRow[]>>,
    rename: (id: string, name: string) =>
      authClient.$fetch("/passkey/update-passkey", {
        method: "POST",
        body: { id, name },
      }) as Promise<PasskeyResult<unknown>>,
    remove: (id: string) =>
      authClient.$fetch("/passkey/delete-passkey", {
        method: "POST",
        body: { id },
      }) as Promise<PasskeyResult<unknown>>,
  };
}

export type Passkeys = ReturnType<typeof passkeys>;
