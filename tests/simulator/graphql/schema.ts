import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** The Admin API version whose real schema the simulator validates against. */
export const PINNED_API_VERSION = "2026-10";

const schemaCache = new Map<string, GraphQLSchema>();

/** Finds node_modules/@shopify/dev-mcp upwards from this file (the package exports no file paths). */
function introspectionPath(version: string): string {
  const relative = join("node_modules", "@shopify", "dev-mcp", "dist", "data", `admin_${version}.json.gz`);
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const candidate = join(dir, relative);
      if (existsSync(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`Admin schema ${version} not found: install @shopify/dev-mcp (it ships ${relative})`);
}

/** Loads (once per process) the Admin schema shipped as introspection JSON by @shopify/dev-mcp. */
export function loadAdminSchema(version: string = PINNED_API_VERSION): GraphQLSchema {
  const cached = schemaCache.get(version);
  if (cached) return cached;
  const raw = JSON.parse(gunzipSync(readFileSync(introspectionPath(version))).toString("utf8")) as {
    data?: IntrospectionQuery;
  } & Partial<IntrospectionQuery>;
  const introspection = (raw.data ?? raw) as IntrospectionQuery;
  const schema = buildClientSchema(introspection, { assumeValid: true });
  schemaCache.set(version, schema);
  return schema;
}
