import js from "@eslint/js";
import convexPlugin from "@convex-dev/eslint-plugin";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import { builtinModules } from "node:module";

const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith("_"));

export default tseslint.config(
  {
    ignores: [
      "dist",
      "convex/_generated",
      "**/fixture/convex/_generated",
      "test-results",
      "screenshots",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...convexPlugin.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Convex runs these files in its own runtime, not Node: no Node-only
    // modules or globals (a file that needs them must start with
    // "use node", hold only actions, and get an override here).
    files: ["convex/**/*.ts"],
    ignores: ["convex/_generated/**"],
    rules: {
      "@convex-dev/import-wrong-runtime": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: `^(node:.*|${NODE_BUILTINS.join("|")})(/.*)?$`,
              message:
                "Node-only module: Convex's default runtime doesn't have it.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...["Buffer", "__dirname", "__filename", "require", "global"].map(
          (name) => ({
            name,
            message:
              "Node-only global: Convex's default runtime doesn't have it.",
          }),
        ),
      ],
    },
  },
  {
    // The one module that reads the backend's environment (and validates it).
    files: ["convex/env.ts"],
    rules: { "@convex-dev/no-process-env": "off" },
  },
);
