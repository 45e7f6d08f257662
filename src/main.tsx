import {
  ConvexBetterAuthProvider,
  type AuthClient as ProviderAuthClient,
} from "@convex-dev/better-auth/react";
import { ConvexReactClient } from "convex/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import App from "./App";
import { makeAuthClient } from "./lib/auth-client";
import { AuthClientContext } from "./lib/authClientContext";
import { readClientEnv } from "./lib/env";
import { exchangeOneTimeToken } from "./lib/socialSignIn";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);

try {
  const env = readClientEnv();
  const convex = new ConvexReactClient(env.convexUrl);
  const authClient = makeAuthClient(env.convexSiteUrl);
  // Back from a social sign-in: the session first, then the app's requests.
  await exchangeOneTimeToken(authClient);
  root.render(
    <StrictMode>
      <AuthClientContext.Provider value={authClient}>
        {/* The provider's type doesn't model plugins that add user fields
            (two-factor); it only calls the session and Convex-token APIs. */}
        <ConvexBetterAuthProvider
          client={convex}
          authClient={authClient as unknown as ProviderAuthClient}
        >
          <App />
        </ConvexBetterAuthProvider>
      </AuthClientContext.Provider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <main className="card narrow">
      <h1>Configuration needed</h1>
      <p role="alert">{(error as Error).message}</p>
    </main>,
  );
}
