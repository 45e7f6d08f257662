/**
 * The configuration Better Auth's schema generator reads (`npm run
 * auth:schema` writes ./generatedSchema.ts from it): the app's options,
 * built without the deployment's variables. Nothing at runtime imports it.
 */
import type { GenericCtx } from "@convex-dev/better-auth";
import { betterAuth } from "better-auth/minimal";
import type { DataModel } from "../_generated/dataModel";
import { authOptionsForSchema } from "../auth";

// The generator needs no Convex context: it only reads tables and fields.
export const auth = betterAuth(
  authOptionsForSchema({} as GenericCtx<DataModel>),
);
