/**
 * The local backend's one entry: everything outside this folder imports
 * from here (tests/local-backend/boundary.test.ts checks it). The rest of
 * the folder is its own business.
 *
 *   const backend = await startLocalBackend({ siteUrl, port: 0 });
 *   backend.cloudUrl; backend.siteUrl; backend.adminKey;
 *   await backend.run(async (ctx) => await ctx.db.query("users").collect());
 *   await backend.call("query", "users:me", {}, { kind: "admin" });
 *   const stop = backend.onWrite("devMailbox", (write) => …);
 *   await backend.close();
 */
export { startLocalBackend } from "./backend";
export { printBanner } from "./banner";
export type {
  AnyTest,
  AppSetup,
  Caller,
  CallResult,
  FunctionLogReader,
  FunctionSpec,
  FunctionType,
  Identity,
  LocalBackend,
  LocalBackendOptions,
  LogEntry,
  RegisterComponents,
  RunContext,
  Write,
} from "./types";
