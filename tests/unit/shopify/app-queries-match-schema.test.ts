import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { bulkQueryProblems } from "../../simulator/bulk/bulk-validation";
import { prepareOperation } from "../../simulator/graphql/admin-graphql";
import { loadAdminSchema, PINNED_API_VERSION } from "../../simulator/graphql/schema";
import { ADMIN_API_VERSION_FOR_TESTS } from "./api-version";

/**
 * Every GraphQL document the app ships (a template literal starting with
 * "#graphql" under app/shopify, written without interpolation) must be valid against the real Admin schema of
 * the version the app pins. A field Shopify does not have fails here, not in production.
 */
function shopifyModules(dir = "app/shopify"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return shopifyModules(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Documents are read from the source text: importing the modules would need the whole app environment. */
function appDocuments(): Array<{ name: string; source: string }> {
  return shopifyModules().flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/`(#graphql[^`]*)`/g)].map((match, index) => ({
      name: `${file}#${index + 1}`,
      source: match[1] ?? "",
    })),
  );
}

describe("the app's Admin GraphQL documents", () => {
  const schema = loadAdminSchema(PINNED_API_VERSION);

  it("are written against the version the app pins", () => {
    expect(PINNED_API_VERSION).toBe(ADMIN_API_VERSION_FOR_TESTS);
  });

  it("are all valid against the real Admin schema", () => {
    const documents = appDocuments();
    expect(documents.length).toBeGreaterThan(0);
    const failures = documents.flatMap(({ name, source }) => {
      if (source.includes("${")) return [`${name}: interpolated; write documents as literals and pass variables`];
      try {
        return validate(schema, parse(source)).map((error) => `${name}: ${error.message}`);
      } catch (error) {
        return [`${name}: ${(error as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it("follow Shopify's bulk query rules where they are bulk exports (anonymous queries)", () => {
    const bulkDocuments = appDocuments().filter(({ source }) => /^#graphql\s*\{/.test(source));
    expect(bulkDocuments.length).toBeGreaterThanOrEqual(2);
    const problems = bulkDocuments.flatMap(({ name, source }) => {
      const prepared = prepareOperation(schema, source);
      if ("errors" in prepared) return prepared.errors.map((error) => `${name}: ${error.message}`);
      return bulkQueryProblems(schema, prepared).map((problem) => `${name}: ${problem}`);
    });
    expect(problems).toEqual([]);
  });

  it("would catch a field Shopify does not have", () => {
    const errors = validate(schema, parse("#graphql\n query { shop { name weeksOfSupply } }"));
    expect(errors.map((e) => e.message).join()).toMatch(/weeksOfSupply/);
  });
});
