import { describe, expect, it } from "vitest";
import { BulkExecutor } from "../../simulator/bulk/fast-execute";
import { tinyShop } from "../../simulator/fixtures/tiny-shop";
import { executePrepared, prepareOperation } from "../../simulator/graphql/admin-graphql";
import { queryRoot } from "../../simulator/graphql/root";
import { SimulatorCore } from "../../simulator/simulator-core";
import { TEST_APP } from "./helpers";

const QUERY = `query { orders(sortKey: CREATED_AT) { edges { node { __typename id name cancelledAt channelInformation { displayName }
  retailLocation { id name } o: name
  lineItems { edges { node { id sku quantity currentQuantity variant { id product { id } } originalUnitPriceSet { shopMoney { amount currencyCode } }
    discountAllocations { allocatedAmountSet { shopMoney { amount } } } } } }
  refunds { id refundLineItems { edges { node { quantity restockType lineItem { id } } } } }
  ...on Order { processedAt } ...Stamps } } } }
fragment Stamps on Node { ... on Order { updatedAt } }`;

describe("bulk executor", () => {
  it("produces exactly what graphql-js execute produces for the same views", async () => {
    const core = new SimulatorCore({ app: { ...TEST_APP, appUrl: "http://127.0.0.1:9" }, shops: [tinyShop()] });
    const prepared = prepareOperation(core.schema, QUERY);
    if ("errors" in prepared) throw new Error(JSON.stringify(prepared.errors));
    const ctx = { ...core.contextFor(core.shop()), bulk: { rootOffset: 0, rootLimit: 1000 } };
    const reference = await executePrepared(core.schema, prepared, ctx, {});
    expect(reference.errors).toEqual([]);
    const fast = new BulkExecutor(core.schema, prepared.fragments).run(prepared.operation.selectionSet, queryRoot(ctx), ctx);
    expect(JSON.parse(JSON.stringify(fast))).toEqual(JSON.parse(JSON.stringify(reference.data)));
    const edges = (fast.orders as { edges: unknown[] }).edges;
    expect(edges).toHaveLength(core.shop().store.data.orders.length);
  });
});

describe("bulk line emitter", () => {
  it("writes the same lines as executing then flattening", async () => {
    const { flattenChunk } = await import("../../simulator/bulk/jsonl-flatten");
    const core = new SimulatorCore({ app: { ...TEST_APP, appUrl: "http://127.0.0.1:9" }, shops: [tinyShop()] });
    const query = `{ products { edges { node { id title variants { nodes { id sku inventoryItem { id inventoryLevels { edges { node { id quantities(names: ["available"]) { quantity } } } } } } } } } } }`;
    const prepared = prepareOperation(core.schema, query);
    if ("errors" in prepared) throw new Error(JSON.stringify(prepared.errors));
    const ctx = { ...core.contextFor(core.shop()), bulk: { rootOffset: 0, rootLimit: 5 } };
    const executor = new BulkExecutor(core.schema, prepared.fragments);
    const lines: string[] = [];
    const counts = executor.emitLines(prepared.operation.selectionSet, queryRoot(ctx), ctx, lines);
    const reference = flattenChunk(executor.run(prepared.operation.selectionSet, queryRoot(ctx), ctx));
    expect(lines).toEqual(reference.lines);
    expect(counts).toEqual({ objects: reference.objects, roots: 5 });
    // inventory levels hang off the inventory item's variant line (the nearest node with an id).
    const level = lines.map((l) => JSON.parse(l) as { id: string; __parentId?: string }).find((l) => l.id.includes("InventoryLevel"));
    expect(level?.__parentId).toMatch(/ProductVariant/);
  });
});
