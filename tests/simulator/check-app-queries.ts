/**
 * Checks every `#graphql` document in app/ against the real 2026-10 Admin schema and runs it on a
 * small simulated shop, so a query Shopify would reject (or one the simulator cannot serve yet)
 * shows up before a test or the demo trips on it. Documents with pagination-free connections are
 * run the way bulkOperationRunQuery would run them.
 *
 *   npx tsx tests/simulator/check-app-queries.ts [dir=app]
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { getNamedType, Kind, typeFromAST, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { bulkQueryProblems } from "./bulk/bulk-validation";
import { BulkExecutor } from "./bulk/fast-execute";
import { tinyShop } from "./fixtures/tiny-shop";
import { handleAdminGraphql, prepareOperation } from "./graphql/admin-graphql";
import { queryRoot } from "./graphql/root";
import { SimulatorCore } from "./simulator-core";

const GRAPHQL_LITERAL = /`\s*#graphql([\s\S]*?)`/g;
const CONST_LITERAL = /const\s+(\w+)\s*=\s*(?:`([^`$]*)`|"([^"]*)"|'([^']*)')/g;

/**
 * Fills `${...}` the way the app most likely does: a same-file string constant is inlined, a
 * JSON.stringify(...) search becomes a plausible search string; anything else is not guessable.
 */
function fillInterpolations(body: string, fileText: string): string | null {
  const constants = new Map<string, string>();
  for (const m of fileText.matchAll(CONST_LITERAL)) constants.set(m[1] ?? "", m[2] ?? m[3] ?? m[4] ?? "");
  let unknown = false;
  const filled = body.replace(/\$\{([^}]*)\}/g, (_, expression: string) => {
    const name = expression.trim();
    if (constants.has(name)) return constants.get(name) ?? "";
    if (name.startsWith("JSON.stringify(")) return JSON.stringify("processed_at:>=2000-01-01");
    unknown = true;
    return "";
  });
  return unknown ? null : filled;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Plausible values for required variables, so a document can be executed once. */
function sampleVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, core: SimulatorCore): Record<string, unknown> {
  const data = core.shop().store.data;
  const samples: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as never);
    const named = type ? getNamedType(type).name : "";
    if (definition.type.kind !== Kind.NON_NULL_TYPE && named !== "Int") continue;
    const lower = name.toLowerCase();
    if (named === "ID") {
      const discount = data.discounts[0];
      const pick = lower.includes("discount") && discount ? `${discount.method === "code" ? "DiscountCodeNode" : "DiscountAutomaticNode"}/${discount.id}` : lower.includes("collection") ? `Collection/${data.collections[0]?.id}` : lower.includes("order") ? `Order/${data.orders[0]?.id}` : lower.includes("variant") ? `ProductVariant/${data.variants[0]?.id}` : lower.includes("item") ? `InventoryItem/${data.inventoryItems[0]?.id}` : lower.includes("location") ? `Location/${data.locations[0]?.id}` : `Product/${data.products[0]?.id}`;
      samples[name] = `gid://shopify/${pick}`;
    } else if (named === "Int") samples[name] = 10;
    else if (named === "Boolean") samples[name] = false;
    else if (definition.type.kind === Kind.LIST_TYPE || (definition.type.kind === Kind.NON_NULL_TYPE && definition.type.type.kind === Kind.LIST_TYPE)) samples[name] = [];
    else samples[name] = "";
  }
  return samples;
}

const root = process.argv[2] ?? "app";
const core = new SimulatorCore({
  app: { apiKey: "check", apiSecret: "check", appUrl: "http://127.0.0.1:9", scopes: ["read_products", "read_orders", "read_all_orders", "read_inventory", "read_locations", "read_discounts"] },
  shops: [tinyShop()],
});
let problems = 0;
let checked = 0;
for (const file of sourceFiles(root)) {
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(GRAPHQL_LITERAL)) {
    const line = text.slice(0, match.index).split("\n").length;
    const where = `${relative(process.cwd(), file)}:${line}`;
    const body = fillInterpolations(match[1] ?? "", text);
    if (body === null) {
      console.log(`skip  ${where} (interpolation it cannot guess)`);
      continue;
    }
    checked++;
    const prepared = prepareOperation(core.schema, body);
    if ("errors" in prepared) {
      problems++;
      console.log(`FAIL  ${where} schema: ${prepared.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const name = prepared.operation.name?.value ?? "(anonymous)";
    if (prepared.operation.operation === "mutation") {
      console.log(`ok    ${where} ${name} (mutation: validated only)`);
      continue;
    }
    const variables = sampleVariables(core.schema, prepared.operation, core);
    const ctx = core.contextFor(core.shop());
    const answer = await handleAdminGraphql(core.schema, ctx, { query: body, variables });
    const errors = answer.errors ?? [];
    if (errors.some((e) => e.message === "you must provide one of first or last")) {
      const bulkProblems = bulkQueryProblems(core.schema, prepared);
      if (bulkProblems.length > 0) {
        problems++;
        console.log(`FAIL  ${where} ${name} as a bulk query: ${bulkProblems.join(" | ")}`);
        continue;
      }
      try {
        const lines: string[] = [];
        const bulkCtx = { ...ctx, bulk: { rootOffset: 0, rootLimit: 50 } };
        const counts = new BulkExecutor(core.schema, prepared.fragments, variables).emitLines(prepared.operation.selectionSet, queryRoot(bulkCtx), bulkCtx, lines);
        console.log(`ok    ${where} ${name} (bulk shape: ${counts.objects} lines from ${counts.roots} roots)`);
      } catch (error) {
        problems++;
        console.log(`FAIL  ${where} ${name} bulk run: ${(error as Error).message}`);
      }
      continue;
    }
    if (errors.length > 0) {
      problems++;
      console.log(`FAIL  ${where} ${name} run: ${errors.map((e) => `${e.message}${e.path ? ` at ${e.path.join(".")}` : ""}`).join("; ")}`);
      continue;
    }
    const cost = (answer.extensions?.cost as { requestedQueryCost: number } | undefined)?.requestedQueryCost;
    console.log(`ok    ${where} ${name} (requested cost ${cost})`);
  }
}
console.log(`${checked} documents checked, ${problems} problem(s)`);
process.exitCode = problems > 0 ? 1 : 0;
