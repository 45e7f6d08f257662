import { ConvexReactClient } from "convex/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import App from "@/App";
import {
  ConvexAuthProvider,
  exchangeOneTimeToken,
  prefetchAuth,
} from "@/lib/convexAuth";
import { adoptEarlySocket } from "@/lib/earlySocket";
import { readClientEnv } from "@/lib/env";
import { configureAuthClient } from "@/lib/lazyAuthClient";
import { m } from "@/paraglide/messages";
import { router } from "@/router";
import "@/index.css";

const root = createRoot(document.getElementById("root")!);

try {
  const env = readClientEnv();
  const convex = new ConvexReactClient(env.convexUrl, {
    // A stored token the server accepted is kept until shortly before it
    // expires, instead of being replaced at once (one request and a second
    // Authenticate per load). See src/lib/convexAuth.tsx.
    initialAuthTokenReuse: true,
    // The socket opened while the page loaded (public/early-socket.js).
    webSocketConstructor: adoptEarlySocket(),
  });
  // The client connects on first use, which would be React's first render:
  // start the WebSocket now, so it opens while the app renders.
  convex.connectionState();
  // The auth client itself loads on demand (src/lib/lazyAuthClient.ts).
  configureAuthClient({
    convexSiteUrl: env.convexSiteUrl,
    // The second step keeps where the sign-in returns to.
    onTwoFactorRedirect: () =>
      void router.navigate({
        to: "/two-factor",
        search: (current: { redirect?: string }) => ({
          redirect: current.redirect,
        }),
      }),
  });
  // A one-time token in the URL from a sign-in this browser started is
  // exchanged with no other auth request alongside; otherwise (none, or one
  // refused) the auth client or a token starts if needed.
  if (!exchangeOneTimeToken()) prefetchAuth();
  root.render(
    <StrictMode>
      <ConvexAuthProvider client={convex}>
        <App />
      </ConvexAuthProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <main className="mx-auto max-w-sm p-8">
      <h1 className="mb-4 text-xl font-semibold">
        {m.app_configuration_needed()}
      </h1>
      <p role="alert" className="text-sm text-destructive">
        {(error as Error).message}
      </p>
    </main>,
  );
}
