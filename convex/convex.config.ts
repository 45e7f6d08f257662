import { defineApp } from "convex/server";
import betterAuth from "./betterAuth/convex.config";
import rateLimiter from "@convex-dev/rate-limiter/convex.config";
import resend from "@convex-dev/resend/convex.config";

const app = defineApp();
// Auth data (user, account, session, …) lives in this component's own tables;
// the component is installed locally (convex/betterAuth/), schema generated.
app.use(betterAuth);
// Outgoing email (verification, password reset) when RESEND_API_KEY is set.
app.use(resend);
// Sharded rate limits for sign-in, sign-up and auth emails (convex/rateLimits.ts).
app.use(rateLimiter);

export default app;
