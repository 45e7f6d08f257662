/**
 * The deployment side of a push, for the real Convex CLI (`convex dev`,
 * `convex deploy`, `convex codegen`): start_push analyzes the bundled code
 * and stages it, wait_for_schema checks the stored documents against the new
 * schemas, finish_push swaps the new code in. The request and response
 * shapes are the CLI's own (`convex/dist/esm/cli/lib/deployApi/`); see
 * PROTOCOL.md.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  PushedCodeLoader,
  moduleName,
  type DefinitionConfig,
  type LoadedDefinition,
  type PushedModule,
} from "./pushedCode";
import type { SchemaLike } from "./convexTestState";

type ModuleHash = { path: string; environment: string; sha256: string };

/** The CLI's start_push / evaluate_push request (the parts we read). */
export type StartPushRequest = {
  dryRun: boolean;
  functions: string;
  appDefinition: {
    definition: PushedModule | null;
    schema: PushedModule | null;
    changedModules: PushedModule[];
    unchangedModuleHashes: ModuleHash[];
    udfServerVersion: string;
  };
  componentDefinitions: {
    definitionPath: string;
    definition: PushedModule;
    schema: PushedModule | null;
    functions: PushedModule[];
  }[];
};

type IndexConfig = { name: string; type: "database"; fields: string[] };
type IndexDiff = {
  added_indexes: IndexConfig[];
  removed_indexes: IndexConfig[];
};

/** A component instance of the pushed tree: "" is the app, "resend/workpool" a grandchild. */
export type ComponentInstance = {
  componentPath: string;
  definition: LoadedDefinition;
};

/** A push that start_push analyzed and finish_push may apply. */
export type StagedPush = {
  id: string;
  instances: ComponentInstance[];
  appModules: Map<string, PushedModule>;
  indexDiffs: Record<string, IndexDiff>;
};

/** What the deployment applies a push to: the runtime's swap. */
export type PushTarget = {
  /** Instances currently installed, by component path. */
  installedSchemas(): Map<string, SchemaLike | null>;
  /** First stored document the instance's new schema rejects. */
  findViolation(
    instance: ComponentInstance,
  ): { table: string; id: string; message: string } | null;
  install(push: StagedPush): void;
  environmentVariables(): Record<string, string>;
  authProviders(definition: LoadedDefinition): Promise<unknown[]>;
};

function hashModule(module: PushedModule): string {
  return createHash("sha256")
    .update(module.source)
    .update(module.sourceMap ?? "")
    .digest("hex");
}

function indexesOf(schema: SchemaLike | null | undefined): IndexConfig[] {
  if (!schema) return [];
  return Object.entries(schema.tables).flatMap(([table, definition]) =>
    (
      definition.export().indexes as {
        indexDescriptor: string;
        fields: string[];
      }[]
    ).map((index) => ({
      name: `${table}.${index.indexDescriptor}`,
      type: "database" as const,
      fields: index.fields,
    })),
  );
}

function diffIndexes(
  before: SchemaLike | null | undefined,
  after: SchemaLike | null,
): IndexDiff {
  const key = (index: IndexConfig) => `${index.name}:${index.fields.join()}`;
  const old = new Map(indexesOf(before).map((index) => [key(index), index]));
  const next = new Map(indexesOf(after).map((index) => [key(index), index]));
  return {
    added_indexes: [...next].filter(([k]) => !old.has(k)).map(([, i]) => i),
    removed_indexes: [...old].filter(([k]) => !next.has(k)).map(([, i]) => i),
  };
}

export class Deployment {
  private deployed = new Map<string, PushedModule>();
  private readonly staged = new Map<string, StagedPush>();
  private readonly loader: PushedCodeLoader;

  constructor(
    codeDir: string,
    private readonly target: PushTarget,
    private readonly functionsDir = "convex/",
  ) {
    this.loader = new PushedCodeLoader(codeDir);
  }

  /** `/api/get_config_hashes`: what is deployed, so the CLI sends only changes. */
  configHashes() {
    return {
      config: { functions: this.functionsDir },
      moduleHashes: [...this.deployed.values()].map((module) => ({
        path: module.path,
        environment: module.environment,
        hash: hashModule(module),
      })),
      nodeDependencies: [],
      udfServerVersion: null,
    };
  }

  /** `/api/deploy2/start_push`: analyze and stage; nothing changes yet. */
  async startPush(request: StartPushRequest) {
    const appModules = new Map<string, PushedModule>();
    for (const module of request.appDefinition.changedModules)
      appModules.set(module.path, module);
    for (const { path } of request.appDefinition.unchangedModuleHashes) {
      const module = this.deployed.get(path);
      if (!module)
        throw new Error(
          `Module ${path} was listed as unchanged but is not deployed: push again with --push-all-modules.`,
        );
      appModules.set(path, module);
    }
    const definitions: DefinitionConfig[] = [
      {
        definitionPath: "",
        definition: request.appDefinition.definition,
        schema: request.appDefinition.schema,
        modules: [...appModules.values()],
      },
      ...request.componentDefinitions.map((component) => ({
        definitionPath: component.definitionPath,
        definition: component.definition,
        schema: component.schema,
        modules: component.functions,
      })),
    ];
    const loaded = await this.loader.load(definitions);
    const app = loaded.get("")!;
    const instances = this.instances(loaded);
    const installed = this.target.installedSchemas();
    const indexDiffs = Object.fromEntries(
      instances.map(({ componentPath, definition }) => [
        componentPath,
        diffIndexes(installed.get(componentPath), definition.schema),
      ]),
    );
    const id = randomBytes(8).toString("hex");
    if (!request.dryRun)
      this.staged.set(id, { id, instances, appModules, indexDiffs });
    return {
      environmentVariables: this.target.environmentVariables(),
      externalDepsId: null,
      componentDefinitionPackages: {},
      appAuth: await this.target.authProviders(app),
      analysis: Object.fromEntries(
        [...loaded].map(([path, definition]) => [
          path,
          {
            definition: definition.metadata,
            schema: definition.analyzedSchema,
            functions: definition.functions,
            udfConfig: {
              serverVersion: request.appDefinition.udfServerVersion,
              importPhaseRngSeed: null,
              importPhaseUnixTimestamp: null,
            },
          },
        ]),
      ),
      app: this.checkedComponent(loaded, "", ""),
      schemaChange: {
        allocatedComponentIds: null,
        schemaIds: { push: id },
        indexDiffs,
      },
    };
  }

  /** `/api/deploy2/wait_for_schema`: stored documents against the new schemas. */
  waitForSchema(pushId: string | undefined) {
    const push = pushId ? this.staged.get(pushId) : undefined;
    if (!push) return { type: "raceDetected" as const };
    for (const instance of push.instances) {
      const violation = this.target.findViolation(instance);
      if (violation) {
        this.staged.delete(push.id);
        return {
          type: "failed" as const,
          error: `Document with ID "${violation.id}" in table "${violation.table}" does not match the schema: ${violation.message}`,
          componentPath: instance.componentPath,
          tableName: violation.table,
        };
      }
    }
    return { type: "complete" as const };
  }

  /** `/api/deploy2/finish_push`: swap the staged code in, keep the data. */
  finishPush(pushId: string | undefined) {
    const push = pushId ? this.staged.get(pushId) : undefined;
    if (!push) throw new Error("Schema was overwritten by another push.");
    this.staged.delete(push.id);
    // Re-check: documents may have changed since wait_for_schema.
    for (const instance of push.instances) {
      const violation = this.target.findViolation(instance);
      if (violation)
        throw new Error(
          `Document with ID "${violation.id}" in table "${violation.table}" does not match the schema: ${violation.message}`,
        );
    }
    const before = this.target.installedSchemas();
    const previous = this.deployed;
    this.target.install(push);
    this.deployed = push.appModules;
    const names = (modules: Map<string, PushedModule>) =>
      new Set([...modules.keys()].map(moduleName));
    const [oldNames, newNames] = [names(previous), names(push.appModules)];
    return {
      authDiff: { added: [], removed: [] },
      definitionDiffs: {},
      componentDiffs: Object.fromEntries(
        push.instances.map(({ componentPath }) => [
          componentPath,
          {
            diffType: { type: before.has(componentPath) ? "modify" : "create" },
            moduleDiff:
              componentPath === ""
                ? {
                    added: [...newNames].filter((n) => !oldNames.has(n)),
                    removed: [...oldNames].filter((n) => !newNames.has(n)),
                  }
                : { added: [], removed: [] },
            udfConfigDiff: null,
            cronDiff: { added: [], updated: [], deleted: [] },
            indexDiff: push.indexDiffs[componentPath],
            schemaDiff: null,
          },
        ]),
      ),
    };
  }

  /** Every component instance, by walking the definitions' children. */
  private instances(
    loaded: Map<string, LoadedDefinition>,
  ): ComponentInstance[] {
    const result: ComponentInstance[] = [];
    const visit = (definitionPath: string, componentPath: string) => {
      const definition = loaded.get(definitionPath);
      if (!definition)
        throw new Error(`Missing component definition ${definitionPath}.`);
      result.push({ componentPath, definition });
      for (const child of definition.metadata.childComponents)
        visit(
          child.path,
          componentPath ? `${componentPath}/${child.name}` : child.name,
        );
    };
    visit("", "");
    return result;
  }

  private checkedComponent(
    loaded: Map<string, LoadedDefinition>,
    definitionPath: string,
    componentPath: string,
  ): unknown {
    const definition = loaded.get(definitionPath)!;
    return {
      definitionPath,
      componentPath,
      args: {},
      childComponents: Object.fromEntries(
        definition.metadata.childComponents.map((child) => [
          child.name,
          this.checkedComponent(
            loaded,
            child.path,
            componentPath ? `${componentPath}/${child.name}` : child.name,
          ),
        ]),
      ),
      httpRoutes: { httpModuleRoutes: definition.httpRoutes, mounts: [] },
      exports: {},
    };
  }
}
