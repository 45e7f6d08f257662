import betterAuthTest from "@convex-dev/better-auth/test";
import rateLimiterTest from "@convex-dev/rate-limiter/test";
import resendTest from "@convex-dev/resend/test";
import type { TestConvex } from "convex-test";
import type { GenericSchema, SchemaDefinition } from "convex/server";

/**
 * Registers the components from convex/convex.config.ts with a convex-test
 * instance. Shared by the unit tests and the local backend
 * (scripts/local-backend), so both run the real component code.
 */
export function registerComponents(
  t: TestConvex<SchemaDefinition<GenericSchema, boolean>>,
): void {
  betterAuthTest.register(t, "betterAuth");
  resendTest.register(t, "resend");
  rateLimiterTest.register(t, "rateLimiter");
}

/** The app's own modules, as convex-test wants them. */
export const appModules = import.meta.glob("../../convex/**/*.*s");

export { default as schema } from "../../convex/schema";
