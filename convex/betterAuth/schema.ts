/**
 * The component's schema: the tables Better Auth's CLI generates from the
 * configured plugins (./generatedSchema.ts, written by `npm run
 * auth:schema`; never edit it), plus indexes for lookups the generator
 * doesn't index.
 */
import { defineSchema } from "convex/server";
import { tables } from "./generatedSchema";

export default defineSchema({
  ...tables,
  // A passkey sign-in finds the credential by its id; without this index the
  // adapter would scan every passkey.
  passkey: tables.passkey.index("credentialID", ["credentialID"]),
});
