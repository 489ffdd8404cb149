import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import boundaries from "eslint-plugin-boundaries";
import globals from "globals";

// The layout's rules (README, Layout). Each folder of app/ is an element; an import from one
// element to another must be allowed below, or lint fails.
const ELEMENTS = [
  { type: "feature", pattern: "app/features/*/**", partialMatch: false, capture: ["feature"] },
  { type: "sync", pattern: "app/sync/**", partialMatch: false },
  { type: "engine", pattern: "app/engine/**", partialMatch: false },
  { type: "platform", pattern: "app/platform/**", partialMatch: false },
  { type: "shopify", pattern: "app/shopify/**", partialMatch: false },
  { type: "ui", pattern: "app/ui/**", partialMatch: false },
  { type: "auth", pattern: "app/auth/**", partialMatch: false },
  { type: "routes", pattern: "app/routes/**", partialMatch: false },
  { type: "jobs", pattern: "app/jobs/**", partialMatch: false },
  { type: "cli", pattern: "app/cli/**", partialMatch: false },
  // Last, so it holds only app/'s own files (the template's): the Shopify app instance, the document, the route config.
  { type: "app-shell", pattern: "app", partialMatch: false },
  { type: "scripts", pattern: "scripts/**", partialMatch: false },
  { type: "tests", pattern: "tests/**", partialMatch: false },
  { type: "extensions", pattern: "extensions/**", partialMatch: false },
];

// A feature's queries (and the sync's) are private to it: only its own folder imports them.
const FILES = [
  { category: "queries", pattern: ["app/features/*/queries.server.ts", "app/features/*/*-queries.server.ts", "app/features/*/queries/**", "app/sync/queries/**"] },
  // The demo runs the local Shopify simulator beside the app; nothing else outside tests/ may.
  { category: "demo", pattern: ["scripts/demo.ts", "scripts/lib/demo-*.ts"] },
];

const to = (...types) => ({ to: { element: { types: { anyOf: types } } } });
const queries = { to: { file: { categories: "queries" } } };

const POLICIES = [
  { from: { element: { type: "engine" } }, allow: to("engine") },
  { from: { element: { type: "platform" } }, allow: to("platform", "engine") },
  { from: { element: { type: "shopify" } }, allow: to("shopify", "platform", "engine", "app-shell") },
  { from: { element: { type: "ui" } }, allow: to("ui", "platform", "engine") },
  { from: { element: { type: "sync" } }, allow: to("sync", "shopify", "platform", "engine") },
  // A feature uses its own folder, another feature's use cases and components (never its queries), and what lies below.
  { from: { element: { type: "feature" } }, allow: to("feature", "engine", "platform", "shopify", "ui") },
  { from: { element: { type: "auth" } }, allow: to("auth", "shopify", "platform", "sync", "app-shell") },
  // Routes authenticate, call a feature (or the sync, for webhooks) and render.
  { from: { element: { type: "routes" } }, allow: to("routes", "feature", "sync", "auth", "ui", "app-shell") },
  { from: { element: { type: "jobs" } }, allow: to("jobs", "feature", "sync", "platform", "shopify", "engine") },
  { from: { element: { type: "cli" } }, allow: to("cli", "engine", "platform") },
  { from: { element: { type: "app-shell" } }, allow: to("app-shell", "auth", "feature", "sync", "platform", "shopify", "ui", "routes") },
  // Entry scripts start the app's processes; production code never imports tests.
  { from: { element: { type: "scripts" } }, allow: to("scripts", "jobs", "platform", "app-shell") },
  { from: { file: { categories: "demo" } }, allow: to("tests") },
  { from: { element: { type: "tests" } }, allow: to("tests", "scripts", "feature", "sync", "engine", "platform", "shopify", "ui", "auth", "routes", "jobs", "cli", "app-shell", "extensions") },
  { from: { element: { type: "extensions" } }, allow: to("extensions") },
  // Last, so they decide: queries are imported from their own folder only (and by tests).
  { from: { element: { types: { noneOf: ["tests"] } } }, disallow: queries },
  { from: { element: { type: "feature" } }, allow: { to: { element: { type: "feature", captured: { feature: "{{ from.element.captured.feature }}" } }, file: { categories: "queries" } } } },
  { from: { element: { type: "sync" } }, allow: { to: { element: { type: "sync" }, file: { categories: "queries" } } } },
];

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
    files: ["app/**/*.{ts,tsx}", "scripts/**/*.ts", "tests/**/*.{ts,tsx}", "extensions/**/*.{ts,tsx}"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { project: ["tsconfig.json", "extensions/product-stock-outlook/tsconfig.json"], noWarnOnMultipleProjects: true } },
      "boundaries/elements": ELEMENTS,
      "boundaries/files": FILES,
      "boundaries/include": ["app/**/*", "scripts/**/*", "tests/**/*", "extensions/**/*"],
    },
    rules: {
      "boundaries/dependencies": ["error", { default: "disallow", policies: POLICIES }],
      // Every file of app/ belongs to an element: a new top-level folder needs a place in the rules.
      "boundaries/no-unknown-files": "error",
    },
  },
  {
    // The engine stays pure: no framework, database, Shopify or Node I/O.
    files: ["app/engine/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@prisma/*", "@remix-run/*", "@shopify/*", "bullmq", "ioredis", "pg", "react", "react-dom", "node:fs", "node:child_process", "node:net", "node:http"], message: "The planning engine is pure TypeScript: plain data in, plain data out." },
          ],
        },
      ],
    },
  },
);
