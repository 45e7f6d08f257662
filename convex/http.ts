import { httpRouter } from "convex/server";
import { authComponent, createAuth } from "./auth";
import { siteUrl } from "./env";

const http = httpRouter();

// Better Auth's routes under /api/auth/*, with CORS for the SPA's origin.
// The lazy variant reads SITE_URL per request, so a first deploy succeeds
// before the variable is set (requests then fail with a message naming it).
authComponent.registerRoutesLazy(http, createAuth, {
  cors: true,
  trustedOrigins: () => [siteUrl()],
});

export default http;
