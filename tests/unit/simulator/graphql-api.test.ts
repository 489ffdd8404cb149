import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { adminGraphql, startTestSimulator } from "./helpers";

describe("Admin GraphQL endpoint", () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startTestSimulator();
    token = sim.issueOfflineToken();
  });
  afterAll(async () => sim.close());

  it("rejects a field the real 2026-10 schema does not have, in Shopify's error shape", async () => {
    const { status, body } = await adminGraphql(sim, token, "{ shop { name inventoryHealthScore } }");
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: "Field 'inventoryHealthScore' doesn't exist on type 'Shop'",
        locations: [{ line: 1, column: 15 }],
        path: ["query", "shop", "inventoryHealthScore"],
        extensions: { code: "undefinedField", typeName: "Shop", fieldName: "inventoryHealthScore" },
      },
    ]);
  });

  it("rejects a missing required argument and a connection without first/last", async () => {
    const missing = await adminGraphql(sim, token, "{ inventoryItem { id } }");
    expect(missing.body.errors?.[0]?.extensions?.code).toBe("missingRequiredArguments");
    const unpaged = await adminGraphql(sim, token, "{ products { nodes { id } } }");
    expect(unpaged.body.errors?.[0]?.message).toBe("you must provide one of first or last");
  });

  it("answers 401 without the issued access token", async () => {
    const { status, body } = await adminGraphql(sim, "shpat_forged", "{ shop { name } }");
    expect(status).toBe(401);
    expect(body).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
  });

  it("reports cost and throttle status on every answer", async () => {
    const { body } = await adminGraphql(sim, token, "{ products(first: 10) { edges { node { id title } } } }");
    const cost = body.extensions?.cost;
    expect(cost?.requestedQueryCost).toBe(12);
    expect(cost?.actualQueryCost).toBe(12);
    expect(cost?.throttleStatus.maximumAvailable).toBe(2000);
    expect(cost?.throttleStatus.restoreRate).toBe(100);
    expect(cost?.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(2000);
  });

  it("walks every product with cursor pagination", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const answer: Awaited<ReturnType<typeof adminGraphql>> = await adminGraphql(
        sim,
        token,
        "query($after: String) { products(first: 5, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
        { after },
      );
      const products = answer.body.data?.products as { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      seen.push(...products.nodes.map((n) => n.id));
      if (!products.pageInfo.hasNextPage) break;
      after = products.pageInfo.endCursor;
    }
    const count = await adminGraphql(sim, token, "{ productsCount { count precision } }");
    expect(new Set(seen).size).toBe(sim.shop().store.data.products.length);
    expect(count.body.data?.productsCount).toEqual({ count: seen.length, precision: "EXACT" });
  });

  it("filters and sorts orders by updated_at like Shopify's search syntax", async () => {
    const orders = sim.shop().store.data.orders;
    const cutoff = [...orders].map((o) => o.updatedAt).sort()[Math.floor(orders.length / 2)] as string;
    const expected = orders.filter((o) => o.updatedAt >= cutoff).length;
    const { body } = await adminGraphql(
      sim,
      token,
      `query($q: String) { orders(first: 250, query: $q, sortKey: UPDATED_AT, reverse: true) { nodes { id updatedAt } } }`,
      { q: `updated_at:>='${cutoff}'` },
    );
    const nodes = (body.data?.orders as { nodes: { updatedAt: string }[] }).nodes;
    expect(nodes).toHaveLength(expected);
    const times = nodes.map((n) => n.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("resolves order lines, refunds, discounts and the variant's inventory by location", async () => {
    const refunded = sim.shop().store.data.orders.find((o) => o.refunds.length > 0);
    expect(refunded).toBeDefined();
    const { body } = await adminGraphql(
      sim,
      token,
      `query($id: ID!) { order(id: $id) { name cancelledAt channelInformation { displayName }
          lineItems(first: 10) { nodes { sku quantity currentQuantity originalUnitPriceSet { shopMoney { amount currencyCode } }
            discountAllocations { allocatedAmountSet { shopMoney { amount } } }
            variant { inventoryItem { unitCost { amount } inventoryLevels(first: 5) { nodes { location { name } quantities(names: ["available", "on_hand"]) { name quantity } } } } } } }
          refunds { createdAt refundLineItems(first: 10) { nodes { quantity restockType lineItem { sku } } } } } }`,
      { id: `gid://shopify/Order/${refunded?.id}` },
    );
    expect(body.errors).toBeUndefined();
    const order = body.data?.order as { name: string; lineItems: { nodes: { currentQuantity: number; quantity: number }[] }; refunds: { refundLineItems: { nodes: { quantity: number }[] } }[] };
    expect(order.name).toBe(refunded?.name);
    expect(order.refunds[0]?.refundLineItems.nodes[0]?.quantity).toBe(1);
    expect(order.lineItems.nodes[0]?.currentQuantity).toBe((order.lineItems.nodes[0]?.quantity ?? 0) - 1);
  });

  it("denies fields whose scope was not granted", async () => {
    sim.shop().grantedScopes = ["read_products"];
    try {
      const { body } = await adminGraphql(sim, token, "{ orders(first: 1) { nodes { id } } }");
      expect(body.errors?.[0]?.extensions?.code).toBe("ACCESS_DENIED");
    } finally {
      sim.shop().grantedScopes = [...sim.core.app.scopes];
    }
  });
});

describe("variable errors", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => sim.close());

  it("words a missing required variable like Shopify", async () => {
    const { body } = await adminGraphql(sim, sim.issueOfflineToken(), "query Order($id: ID!) { order(id: $id) { id } }");
    expect(body.errors).toEqual([
      {
        message: "Variable $id of type ID! was provided invalid value",
        locations: [{ line: 1, column: 13 }],
        extensions: { value: null, problems: [{ path: [], explanation: "Expected value to not be null" }] },
      },
    ]);
  });
});
