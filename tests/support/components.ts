import rateLimiterTest from "@convex-dev/rate-limiter/test";
import resendTest from "@convex-dev/resend/test";
import type { TestConvex } from "convex-test";
import type { GenericSchema, SchemaDefinition } from "convex/server";
import authSchema from "../../convex/betterAuth/schema";

/**
 * Registers the components from convex/convex.config.ts with a convex-test
 * instance. Shared by the unit tests and the local backend
 * (scripts/local-backend), so both run the real component code.
 */
export function registerComponents(
  t: TestConvex<SchemaDefinition<GenericSchema, boolean>>,
): void {
  // Installed locally (convex/betterAuth/): its own schema and modules.
  t.registerComponent("betterAuth", authSchema, authComponentModules);
  resendTest.register(t, "resend");
  rateLimiterTest.register(t, "rateLimiter");
}

/** The app's own modules, as convex-test wants them. */
export const appModules = import.meta.glob([
  "../../convex/**/*.*s",
  // A component folder: its modules belong to the component, not the app.
  "!../../convex/betterAuth/**",
]);

/** The locally installed Better Auth component's modules. */
export const authComponentModules = import.meta.glob(
  "../../convex/betterAuth/**/*.*s",
);

export { default as schema } from "../../convex/schema";
