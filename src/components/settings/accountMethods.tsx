import { useQuery } from "convex/react";
import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import { api } from "../../../convex/_generated/api";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import type { PasskeyRow, Passkeys as PasskeyApi } from "@/lib/passkeys";

// WebAuthn's browser code loads with Settings, not with the app.
const loadPasskeys = () => import("@/lib/passkeys");

export type AccountRow = { providerId: string; accountId: string };

/**
 * What this account can sign in with, for every card that must ask only for
 * what the account has: its password and providers (a Convex query, so it
 * follows a link, unlink or a password set elsewhere), its passkeys (the
 * passkey plugin's list) and its email, which always takes a sign-in link.
 */
export type AccountMethods = {
  email: string | undefined;
  /** null while loading (or for a moment when the session ends). */
  accounts: AccountRow[] | null;
  /** null while loading. */
  hasPassword: boolean | null;
  /** null while loading. */
  passkeys: PasskeyRow[] | null;
  passkeyError: string | null;
  /** The passkey ceremonies and calls, once their code has loaded. */
  passkeyApi: PasskeyApi | null;
  reloadPasskeys: () => void;
};

const Context = createContext<AccountMethods | null>(null);

export function AccountMethodsProvider({ children }: { children: ReactNode }) {
  const authClient = useAuthClient();
  const email = authClient.useSession().data?.user.email;
  const accounts = useQuery(api.account.signInMethods) ?? null;
  const [passkeyApi, setPasskeyApi] = useState<PasskeyApi | null>(null);
  const [passkeys, setPasskeys] = useState<PasskeyRow[] | null>(null);
  const [passkeyError, setPasskeyError] = useState<string | null>(null);
  // Bumped after each change to reload the list.
  const [version, setVersion] = useState(0);
  const reloadPasskeys = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let active = true;
    void loadPasskeys().then(async ({ passkeys: load }) => {
      const loaded = load(authClient);
      const { data, error } = await loaded.list();
      if (!active) return;
      setPasskeyApi(loaded);
      setPasskeyError(error ? describeAuthError(error) : null);
      if (!error) setPasskeys(data ?? []);
    });
    return () => {
      active = false;
    };
  }, [authClient, version]);

  const value = useMemo<AccountMethods>(
    () => ({
      email,
      accounts,
      hasPassword: accounts
        ? accounts.some((a) => a.providerId === "credential")
        : null,
      passkeys,
      passkeyError,
      passkeyApi,
      reloadPasskeys,
    }),
    [email, accounts, passkeys, passkeyError, passkeyApi, reloadPasskeys],
  );
  return <Context value={value}>{children}</Context>;
}

export function useAccountMethods(): AccountMethods {
  const value = use(Context);
  if (!value) throw new Error("useAccountMethods() outside Settings");
  return value;
}
