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
  // Listing a user's live sessions (Settings, the admin console, the view
  // guard) filters on both fields; the generated indexes lead with one.
  session: tables.session.index("userId_expiresAt", ["userId", "expiresAt"]),
  // A caller's membership of one organization (every orgQuery/orgMutation),
  // and an organization's pending invitations for one address.
  member: tables.member
    .index("organizationId_userId", ["organizationId", "userId"])
    .index("organizationId_role", ["organizationId", "role"]),
  invitation: tables.invitation
    .index("organizationId_status", ["organizationId", "status"])
    .index("email_status", ["email", "status"]),
});
