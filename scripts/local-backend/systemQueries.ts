/**
 * The `_system/cli/*` queries the Convex CLI subscribes to with its admin
 * key (environment variables, the function listing), answered by the
 * backend itself as a deployment does.
 */
import type { JSONValue } from "convex/values";
import type { DeploymentVariables } from "./processEnvironment";
import type { Runtime } from "./runtime";
import type { CallResult } from "./types";

/** Answers a `_system/...` query, or undefined if it isn't one we know. */
export type SystemQueries = (
  udfPath: string,
  args: JSONValue,
) => Promise<CallResult | undefined>;

const ok = (value: JSONValue): CallResult => ({
  ok: true,
  value,
  logLines: [],
});

export function systemQueries(
  runtime: Runtime,
  variables: DeploymentVariables,
): SystemQueries {
  return async (udfPath, args) => {
    const path = udfPath.includes(":") ? udfPath : `${udfPath}:default`;
    if (path === "_system/cli/queryEnvironmentVariables:get") {
      const name = (args as { name?: string }).name ?? "";
      const value = variables.get(name);
      return ok(value === undefined ? null : { name, value });
    }
    if (path === "_system/cli/queryEnvironmentVariables:default") {
      return ok(variables.entries().map(([name, value]) => ({ name, value })));
    }
    if (path === "_system/cli/modules:apiSpec") {
      const specs = await runtime.listFunctions();
      return ok(
        specs.map((spec) => {
          const [module, name] = spec.udfPath.split(":");
          return {
            functionType: spec.type[0]!.toUpperCase() + spec.type.slice(1),
            identifier: `${module}.js:${name}`,
            visibility: { kind: spec.visibility },
          };
        }),
      );
    }
    return undefined;
  };
}
