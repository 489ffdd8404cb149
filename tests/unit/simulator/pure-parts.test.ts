import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { flattenChunk } from "../../simulator/bulk/jsonl-flatten";
import { requestedQueryCost } from "../../simulator/graphql/cost";
import { loadAdminSchema } from "../../simulator/graphql/schema";
import { buildFilter, matchesDate, parseSearchQuery } from "../../simulator/graphql/search-query";
import { parseAppToml } from "../../simulator/webhooks/subscriptions";
import { rewriteShopifyUrl } from "../../simulator/fetch-bridge";
import type { OperationDefinitionNode } from "graphql";

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return requestedQueryCost({ schema: loadAdminSchema(), operation, fragments: [], variables });
}

describe("query cost", () => {
  it("follows Shopify's rules for objects, connections, scalars and mutations", () => {
    expect(costOf("{ shop { name currencyCode } }")).toBe(1);
    expect(costOf("{ products(first: 10) { edges { node { id title } } } }")).toBe(12);
    expect(costOf("{ products(first: 10) { nodes { variants(first: 5) { nodes { id } } } } }")).toBe(2 + 10 * (1 + 2 + 5));
    expect(costOf("query($n: Int) { orders(first: $n) { nodes { id } } }", { n: 50 })).toBe(52);
    expect(costOf('mutation { bulkOperationRunQuery(query: "{ products { edges { node { id } } } }") { bulkOperation { id } } }')).toBe(10);
  });
});

describe("search query", () => {
  it("parses comparators, quotes and negation", () => {
    expect(parseSearchQuery(`updated_at:>='2025-01-01T00:00:00Z' AND -status:cancelled`)).toEqual([
      { field: "updated_at", comparator: ">=", value: "2025-01-01T00:00:00Z", negated: false },
      { field: "status", comparator: "=", value: "cancelled", negated: true },
    ]);
  });
  it("filters rows on dates and ignores unknown fields", () => {
    const rows = [{ at: "2025-01-01T00:00:00Z" }, { at: "2025-02-01T00:00:00Z" }];
    const keep = buildFilter<{ at: string }>("created_at:>2025-01-15 colour:red", { created_at: (r, t) => matchesDate(r.at, t) });
    expect(rows.filter(keep)).toEqual([rows[1]]);
  });
});

describe("JSONL flattening", () => {
  it("puts nested connection nodes on their own lines after the parent, with __parentId", () => {
    const { lines, objects, roots } = flattenChunk({
      products: {
        edges: [
          { node: { id: "P1", title: "A", seo: { title: "x" }, variants: { edges: [{ node: { id: "V1", levels: { nodes: [{ id: "L1" }] } } }] } } },
          { node: { id: "P2", title: "B", variants: { edges: [] } } },
        ],
      },
    });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { id: "P1", title: "A", seo: { title: "x" } },
      { id: "V1", __parentId: "P1" },
      { id: "L1", __parentId: "V1" },
      { id: "P2", title: "B" },
    ]);
    expect({ objects, roots }).toEqual({ objects: 4, roots: 2 });
  });
});

describe("shopify.app.toml", () => {
  it("reads app-specific webhook subscriptions, including multi-line topic arrays", () => {
    const parsed = parseAppToml(`client_id = "abc"\napplication_url = "http://localhost:3000"\n[access_scopes]\nscopes = "read_orders,read_products"\n[webhooks]\napi_version = "2026-10"\n  [[webhooks.subscriptions]]\n  topics = ["app/uninstalled"]\n  uri = "/webhooks/app/uninstalled"\n  [[webhooks.subscriptions]]\n  topics = [\n    "orders/create",\n    "bulk_operations/finish",\n  ]\n  uri = "/webhooks/sync"\n`);
    expect(parsed).toMatchObject({ clientId: "abc", applicationUrl: "http://localhost:3000", apiVersion: "2026-10", scopes: ["read_orders", "read_products"] });
    expect(parsed.subscriptions).toEqual([
      { topics: ["app/uninstalled"], uri: "/webhooks/app/uninstalled" },
      { topics: ["orders/create", "bulk_operations/finish"], uri: "/webhooks/sync" },
    ]);
  });
});

describe("fetch bridge", () => {
  it("rewrites only *.myshopify.com URLs and keeps the shop", () => {
    expect(rewriteShopifyUrl("https://tempo-demo.myshopify.com/admin/api/2026-10/graphql.json?x=1", "http://127.0.0.1:4010")).toEqual({
      url: "http://127.0.0.1:4010/admin/api/2026-10/graphql.json?x=1",
      shop: "tempo-demo.myshopify.com",
    });
    expect(rewriteShopifyUrl("https://cdn.shopify.com/x.js", "http://127.0.0.1:4010")).toBeNull();
  });
});
