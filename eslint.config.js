import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  // Shopify CLI writes extensions/*/dist and shopify.d.ts on every `shopify app build`.
  { ignores: ["build/**", "node_modules/**", ".cache/**", ".tempo/**", "public/build/**", "extensions/*/dist/**", "extensions/*/shopify.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // The planning engine stays pure: no framework, database or Shopify imports.
    files: ["app/planning/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@prisma/*", "@remix-run/*", "@shopify/*", "bullmq", "ioredis", "pg", "react", "~/*", "../../*/persistence/*"], message: "The planning engine is pure TypeScript: plain data in, plain data out." },
          ],
        },
      ],
    },
  },
  {
    // app/ never knows about the simulator.
    files: ["app/**"],
    ignores: ["app/planning/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/tests/**"], message: "app/ must not import test code or the simulator." }] }],
    },
  },
  {
    // Layers import downwards only: routes -> components/jobs -> sync -> persistence -> shopify.
    // Lower layers enqueue work through app/queue, never through app/jobs.
    files: ["app/auth/**", "app/sync/**", "app/plan/**", "app/persistence/**", "app/shopify/**", "app/privacy/**", "app/queue/**", "app/lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["~/jobs/*", "~/routes/*", "~/components/*", "**/tests/**"], message: "Import from your own layer or below (see README, Layout)." }] },
      ],
    },
  },
);
