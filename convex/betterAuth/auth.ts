/**
 * The configuration Better Auth's schema generator reads (`npm run
 * auth:schema` writes ./schema.ts from it). Only the schema-relevant options:
 * no deployment variables are read, and nothing at runtime imports it.
 */
import type { GenericCtx } from "@convex-dev/better-auth";
import { betterAuth } from "better-auth/minimal";
import type { DataModel } from "../_generated/dataModel";
import { authOptionsForSchema } from "../auth";

// The generator needs no Convex context: it only reads tables and fields.
export const auth = betterAuth(
  authOptionsForSchema({} as GenericCtx<DataModel>),
);
