import { describe, expect, it } from "vitest";
import { bulkQueryProblems } from "../../simulator/bulk/bulk-validation";
import { prepareOperation } from "../../simulator/graphql/admin-graphql";
import { loadAdminSchema } from "../../simulator/graphql/schema";

function problemsOf(query: string): string[] {
  const schema = loadAdminSchema();
  const prepared = prepareOperation(schema, query);
  if ("errors" in prepared) throw new Error(JSON.stringify(prepared.errors));
  return bulkQueryProblems(schema, prepared);
}

describe("bulk query rules", () => {
  it("accepts products > variants > inventoryLevels (two nested levels) selected through edges > node", () => {
    expect(
      problemsOf(`{ products { edges { node { id variants { edges { node { id inventoryItem { inventoryLevels { edges { node { id } } } } } } } } } } }`),
    ).toEqual([]);
  });

  it("refuses a connection inside a list field, like refunds > refundLineItems", () => {
    expect(problemsOf(`{ orders { edges { node { id refunds { refundLineItems(first: 10) { edges { node { quantity } } } } } } } }`)).toEqual([
      "Queries that contain a connection field within a list field are not currently supported.",
    ]);
  });

  it("refuses connections selected through nodes", () => {
    expect(problemsOf(`{ products { nodes { id } } }`)[0]).toContain("Selecting via 'nodes' is not supported. Invalid connection fields: 'products'.");
  });

  it("refuses a third nested level, a parent node without id, a top-level node, and no connection at all", () => {
    expect(
      problemsOf(`{ orders { edges { node { id fulfillmentOrders { edges { node { id fulfillments { edges { node { id fulfillmentLineItems { edges { node { id } } } } } } } } } } } } }`),
    ).toContain("Bulk queries cannot contain connections with a nesting depth greater than 2.");
    expect(problemsOf(`{ products { edges { node { title variants { edges { node { id } } } } } } }`)).toEqual([
      "The parent 'node' field for a nested connection must select the 'id' field without an alias and must be of 'ID' return type. Connection fields without 'id': products.",
    ]);
    expect(problemsOf(`{ node(id: "gid://shopify/Product/1") { id } }`)).toEqual([
      "Bulk queries cannot contain a top level `node` field.",
      "Bulk queries must contain at least one connection.",
    ]);
  });
});

describe("bulk query rules, cases with Shopify's known answers", () => {
  it.each([
    [
      "six connections",
      `{ products { edges { node { id variants { edges { node { id } } } metafields { edges { node { id } } } collections { edges { node { id } } } media { edges { node { id } } } sellingPlanGroups { edges { node { id } } } } } } }`,
      ["Bulk queries cannot contain more than 5 connections."],
    ],
    [
      "three nested levels",
      `{ collections { edges { node { id products { edges { node { id variants { edges { node { id metafields { edges { node { id } } } } } } } } } } } } }`,
      ["Bulk queries cannot contain connections with a nesting depth greater than 2."],
    ],
    ["connection inside fulfillments (a list)", `{ orders { edges { node { id fulfillments { events { edges { node { id } } } } } } } }`, [
      "Queries that contain a connection field within a list field are not currently supported.",
    ]],
    ["several connections through nodes", `{ orders { nodes { id } } customers { nodes { id } } }`, [
      "All connection fields in a bulk query must select their contents using 'edges' > 'node', e.g: 'orders { edges { node {'. Selecting via 'nodes' is not supported. Invalid connection fields: 'orders', 'customers'.",
    ]],
  ])("%s", (_name, query, expected) => {
    expect(problemsOf(query)).toEqual(expected);
  });
});

describe("bulk query syntax", () => {
  it("reports an empty query as Shopify does", () => {
    const prepared = prepareOperation(loadAdminSchema(), "");
    expect("errors" in prepared && prepared.errors[0]?.message).toBe("syntax error, unexpected end of file");
  });
});
