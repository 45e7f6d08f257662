/**
 * The component's database functions, which Better Auth's Convex adapter
 * calls. They validate against the generated schema and know the plugins'
 * unique fields from the app's auth options.
 */
import { createApi } from "@convex-dev/better-auth";
import { authOptionsForSchema } from "../auth";
import schema from "./schema";

export const {
  create,
  findOne,
  findMany,
  updateOne,
  updateMany,
  deleteOne,
  deleteMany,
} = createApi(schema, authOptionsForSchema);
