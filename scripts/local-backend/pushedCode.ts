/**
 * The code a `convex dev` / `convex deploy` push carries: the modules the
 * CLI bundled for Convex's runtime, per component definition. We write them
 * to disk unchanged and import them with Node's own loader, so what runs is
 * exactly what the CLI built; then we analyze them the way a deployment
 * does: each definition's children, each module's functions and validators,
 * the schema, the auth providers.
 *
 * A definition's bundle imports its children as `./_componentDeps/<base64
 * of the child's definition path>`, modules the deployment provides. We
 * provide them as small files naming the child's path and default name.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ModuleLoader, SchemaLike } from "./convexTestState";

/** One bundled module, as in the CLI's push request. */
export type PushedModule = {
  path: string;
  source: string;
  sourceMap?: string;
  environment: "isolate" | "node";
};

export type DefinitionConfig = {
  /** "" for the app, else the definition's path relative to convex/. */
  definitionPath: string;
  definition: PushedModule | null;
  schema: PushedModule | null;
  modules: PushedModule[];
};

type ChildComponent = { name: string; path: string };

/** `definition.export()` of convex/server's defineApp/defineComponent. */
type DefinitionExport = {
  name?: string;
  definitionType: unknown;
  childComponents: ChildComponent[];
  httpMounts: Record<string, string>;
  exports: unknown;
  envVars?: unknown;
};

export type AnalyzedFunction = {
  name: string;
  pos: null;
  udfType: "Query" | "Mutation" | "Action";
  visibility: { kind: "public" | "internal" };
  args: string | null;
  returns: string | null;
};

export type LoadedDefinition = {
  definitionPath: string;
  metadata: DefinitionExport & { path: string };
  schema: SchemaLike | null;
  /** The schema as the CLI's analysis wants it: `{tables, schemaValidation}`. */
  analyzedSchema: unknown;
  /** Module path ("users.js", "lib/x.js") → its functions, for the CLI. */
  functions: Record<
    string,
    { functions: AnalyzedFunction[]; httpRoutes: unknown }
  >;
  httpRoutes: { method: string; path: string }[] | null;
  load: ModuleLoader;
};

type Registered = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  exportArgs?: () => string;
  exportReturns?: () => string | null;
};

type Router = { isRouter: true; getRoutes(): [string, string, unknown][] };

// Under vite-node and vitest, files in node_modules are externalized: Node
// imports them itself, untransformed. The code folder lives there.
const nativeImport = (url: string) =>
  import(/* @vite-ignore */ url) as Promise<Record<string, unknown>>;

const COMPONENT_DEP = /(["'])\.\/_componentDeps\/([A-Za-z0-9_=-]+)\1/g;

function base64Url(text: string): string {
  return Buffer.from(text).toString("base64url");
}

/** Module path without extension, as Convex names modules ("users", "lib/x"). */
export function moduleName(path: string): string {
  return path.replace(/\.[cm]?js$/, "");
}

type ExportTree =
  | { type: "leaf"; leaf: string }
  | { type: "branch"; branch: [string, ExportTree][] };

/**
 * A component's exports, as a deployment reports them: what its definition
 * declares, or, when it declares none (a plain `defineComponent`), every
 * public function under its module path (`adapter.create`). The CLI writes a
 * local component's `_generated/component.ts` from these.
 */
function exportsOf(
  exported: DefinitionExport,
  functions: LoadedDefinition["functions"],
): unknown {
  const declared = exported.exports as ExportTree | undefined;
  const isComponent =
    (exported.definitionType as { type?: string } | undefined)?.type ===
    "childComponent";
  if (!isComponent || (declared?.type === "branch" && declared.branch.length))
    return exported.exports;
  const root: ExportTree = { type: "branch", branch: [] };
  for (const [path, module] of Object.entries(functions)) {
    if (path.startsWith("_deps/")) continue;
    for (const fn of module.functions) {
      if (fn.visibility.kind !== "public") continue;
      let node = root;
      for (const segment of moduleName(path).split("/")) {
        let child = node.branch.find(([key]) => key === segment)?.[1];
        if (!child) {
          child = { type: "branch", branch: [] };
          node.branch.push([segment, child]);
        }
        if (child.type !== "branch") break;
        node = child;
      }
      node.branch.push([
        fn.name,
        { type: "leaf", leaf: `_reference/function/${path}:${fn.name}` },
      ]);
    }
  }
  return root;
}

function isFunction(value: unknown): value is Registered {
  return (
    typeof value === "function" &&
    ("isPublic" in value || "isInternal" in value)
  );
}

function udfType(fn: Registered): AnalyzedFunction["udfType"] | null {
  if (fn.isQuery) return "Query";
  if (fn.isMutation) return "Mutation";
  if (fn.isAction) return "Action";
  return null;
}

function isRouter(value: unknown): value is Router {
  return typeof value === "object" && value !== null && "isRouter" in value;
}

/**
 * Writes and loads the definitions of one push. Unchanged definitions keep
 * their folder (named by a hash of their modules), so an npm component is
 * imported once however often the app is pushed.
 */
export class PushedCodeLoader {
  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "package.json"), '{ "type": "module" }\n');
  }

  /** Loads every definition, children first; the app's is "". */
  async load(
    definitions: DefinitionConfig[],
  ): Promise<Map<string, LoadedDefinition>> {
    const loaded = new Map<string, LoadedDefinition>();
    const names = new Map<string, string>();
    const pending = [...definitions];
    while (pending.length > 0) {
      const ready = pending.findIndex((definition) =>
        this.children(definition).every((path) => names.has(path)),
      );
      if (ready < 0)
        throw new Error(
          `Component definitions depend on each other in a cycle or on a missing definition: ${pending.map((d) => d.definitionPath).join(", ")}`,
        );
      const [definition] = pending.splice(ready, 1) as [DefinitionConfig];
      const result = await this.loadOne(definition, names);
      names.set(definition.definitionPath, result.metadata.name ?? "");
      loaded.set(definition.definitionPath, result);
    }
    return loaded;
  }

  private children(definition: DefinitionConfig): string[] {
    const source = definition.definition?.source ?? "";
    return [...source.matchAll(COMPONENT_DEP)].map(([, , encoded]) =>
      Buffer.from(encoded!, "base64url").toString("utf8"),
    );
  }

  private write(definition: DefinitionConfig): string {
    const all = [
      definition.definition,
      definition.schema,
      ...definition.modules,
    ]
      .filter((module): module is PushedModule => module !== null)
      .sort((a, b) => a.path.localeCompare(b.path));
    const hash = createHash("sha256");
    for (const module of all) hash.update(module.path).update(module.source);
    const dir = join(
      this.root,
      definition.definitionPath === "" ? "app" : "components",
      hash.digest("hex").slice(0, 16),
    );
    if (existsSync(join(dir, ".complete"))) return dir;
    for (const module of all) {
      const file = join(dir, module.path);
      mkdirSync(dirname(file), { recursive: true });
      // Node can't import the extensionless `_componentDeps/…` the runtime
      // provides: point them at the .js files written below.
      writeFileSync(
        file,
        module.source.replace(
          COMPONENT_DEP,
          (_match, quote: string, encoded: string) =>
            `${quote}./_componentDeps/${encoded}.js${quote}`,
        ),
      );
      if (module.sourceMap) writeFileSync(`${file}.map`, module.sourceMap);
    }
    writeFileSync(join(dir, ".complete"), "");
    return dir;
  }

  private async loadOne(
    definition: DefinitionConfig,
    names: Map<string, string>,
  ): Promise<LoadedDefinition> {
    const dir = this.write(definition);
    for (const child of this.children(definition)) {
      const file = join(dir, "_componentDeps", `${base64Url(child)}.js`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(
        file,
        `export default ${JSON.stringify({ componentDefinitionPath: child, defaultName: names.get(child) })};\n`,
      );
    }
    const importModule = (path: string) =>
      nativeImport(pathToFileURL(join(dir, path)).href);
    const paths = new Map(
      definition.modules.map((module) => [moduleName(module.path), module]),
    );
    const load: ModuleLoader = async (name) => {
      const module = paths.get(name);
      if (!module) throw new Error(`Could not find module for: "${name}"`);
      return await importModule(module.path);
    };

    const definitionModule = definition.definition
      ? await importModule(definition.definition.path)
      : undefined;
    const exported = (
      definitionModule?.default as { export(): DefinitionExport } | undefined
    )?.export() ?? {
      definitionType: { type: "app" },
      childComponents: [],
      httpMounts: {},
      exports: { type: "branch", branch: [] },
    };
    const schema = definition.schema
      ? ((await importModule(definition.schema.path)).default as SchemaLike & {
          export(): string;
        })
      : null;

    const functions: LoadedDefinition["functions"] = {};
    let httpRoutes: LoadedDefinition["httpRoutes"] = null;
    for (const [name, module] of paths) {
      if (name.startsWith("_deps/")) continue;
      const exports = await importModule(module.path);
      const analyzed: AnalyzedFunction[] = [];
      for (const [exportName, value] of Object.entries(exports)) {
        if (!isFunction(value)) continue;
        const type = udfType(value);
        if (!type) continue;
        analyzed.push({
          name: exportName,
          pos: null,
          udfType: type,
          visibility: { kind: value.isPublic ? "public" : "internal" },
          args: value.exportArgs?.() ?? null,
          returns: value.exportReturns?.() ?? null,
        });
      }
      const router = name === "http" ? exports.default : undefined;
      const routes = isRouter(router)
        ? router.getRoutes().map(([path, method]) => ({ path, method }))
        : null;
      if (routes) httpRoutes = routes;
      // Keyed as Convex keys modules ("adapter.js"): the CLI resolves a
      // component's export references against these keys.
      functions[`${name}.js`] = { functions: analyzed, httpRoutes: routes };
    }
    return {
      definitionPath: definition.definitionPath,
      metadata: {
        ...exported,
        exports: exportsOf(exported, functions),
        path: definition.definitionPath,
      },
      schema,
      analyzedSchema: schema ? (JSON.parse(schema.export()) as unknown) : null,
      functions,
      httpRoutes,
      load,
    };
  }
}
