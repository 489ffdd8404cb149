import { GraphqlQueryError } from "@shopify/shopify-api";
import { beforeEach, describe, expect, it } from "vitest";
import { tinyShop } from "../../simulator/fixtures/tiny-shop";
import { handleAdminGraphql } from "../../simulator/graphql/admin-graphql";
import { SimulatorCore } from "../../simulator/simulator-core";
import { fromRemixAdmin, graphqlErrorsOf, ShopifyQueryError } from "~/shopify/admin-client.server";
import {
  addReceivedStock,
  grantAllowsReceiving,
  MissingScopeError,
  purchaseOrderDocumentUri,
  StockReceiptError,
  type ReceivedStock,
} from "~/shopify/inventory-receipts.server";
import { createThrottledClient, type GraphqlReply } from "~/shopify/throttled-client.server";

const READ_SCOPES = ["read_products", "read_inventory", "read_locations", "read_orders", "read_all_orders"];

/** The app's real throttled client over the simulator's GraphQL handler, in process. */
function inProcessShop() {
  const core = new SimulatorCore({ app: { apiKey: "k", apiSecret: "s", appUrl: "http://127.0.0.1:9", scopes: [...READ_SCOPES, "write_inventory"] }, shops: [tinyShop()] });
  const shop = core.shop();
  const sent: string[] = [];
  const client = createThrottledClient(async (query, variables) => {
    sent.push(query);
    return (await handleAdminGraphql(core.schema, core.contextFor(shop), { query, variables })) as GraphqlReply;
  });
  return { core, shop, sent, client };
}

let keys = 0;

describe("addReceivedStock", () => {
  let sim: ReturnType<typeof inProcessShop>;
  const item = (i: number) => sim.shop.store.data.inventoryItems[i]!;
  const warehouse = () => sim.shop.store.data.locations[0]!;
  const available = (itemId: string, locationId: string) => sim.shop.store.activeLevel(itemId, locationId)?.quantities.available;
  const receipt = (lines: ReceivedStock["lines"], extra: Partial<ReceivedStock> = {}): ReceivedStock => ({
    lines,
    referenceDocumentUri: purchaseOrderDocumentUri(12),
    idempotencyKey: `po-12-receipt-${++keys}`,
    ...extra,
  });

  beforeEach(() => {
    sim = inProcessShop();
  });

  it("adds the units as one 'received' adjustment of available stock and returns the group's numeric id", async () => {
    const [a, b] = [item(0).id, item(1).id];
    const here = warehouse().id;
    const [beforeA, beforeB] = [available(a, here)!, available(b, here)!];

    const result = await addReceivedStock(sim.client, receipt([{ inventoryItemId: a, locationId: here, units: 12 }, { inventoryItemId: b, locationId: here, units: 3 }, { inventoryItemId: a, locationId: here, units: 8 }]));

    expect(available(a, here)).toBe(beforeA + 20);
    expect(available(b, here)).toBe(beforeB + 3);
    const [group] = sim.shop.inventoryAdjustmentGroups;
    expect(result).toEqual({ adjustmentGroupId: group!.id });
    expect(group).toMatchObject({ reason: "received", referenceDocumentUri: "gid://tempo-sop/PurchaseOrder/12" });
    expect(group!.changes.filter((c) => c.name === "available").map((c) => [c.inventoryItemId, c.delta])).toEqual([
      [a, 20],
      [b, 3],
    ]);
  });

  it("applies a retry with the same key once", async () => {
    const here = warehouse().id;
    const before = available(item(2).id, here)!;
    const once = receipt([{ inventoryItemId: item(2).id, locationId: here, units: 6 }]);
    const first = await addReceivedStock(sim.client, once);
    const second = await addReceivedStock(sim.client, once);
    expect(second).toEqual(first);
    expect(available(item(2).id, here)).toBe(before + 6);
  });

  it("refuses input Shopify would refuse before sending anything", async () => {
    const here = warehouse().id;
    const line = { inventoryItemId: item(0).id, locationId: here, units: 1 };
    const cases: [ReceivedStock, string][] = [
      [receipt([]), "a receipt needs at least one line"],
      [receipt([{ ...line, units: 0 }, { ...line, units: 1.5 }]), "line 1: units must be a whole number above zero (got 0); line 2: units must be a whole number above zero (got 1.5)"],
      [receipt([{ ...line, inventoryItemId: "gid://shopify/InventoryItem/1" }]), 'line 1: inventoryItemId "gid://shopify/InventoryItem/1" is not a numeric Shopify id'],
      [receipt([{ ...line, locationId: "" }]), 'line 1: locationId "" is not a numeric Shopify id'],
      [receipt([line], { idempotencyKey: " " }), "the idempotency key is empty"],
      [receipt([line], { referenceDocumentUri: "PO-12" }), 'referenceDocumentUri "PO-12" is not a URI Shopify accepts'],
      [receipt(Array.from({ length: 251 }, () => line)), "a receipt has at most 250 lines (this one has 251); split it"],
    ];
    for (const [input, message] of cases) {
      const error = await addReceivedStock(sim.client, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StockReceiptError);
      expect((error as Error).message).toContain(message);
      expect((error as StockReceiptError).problems.every((p) => p.code === "INVALID_INPUT")).toBe(true);
    }
    expect(sim.sent).toEqual([]);
  });

  it("names the lines whose item is unknown, whose location is unknown or that are not stocked there, and adds nothing", async () => {
    const popUp = sim.core.actions.createLocation(sim.shop, { name: "Pop-up" });
    const here = warehouse().id;
    const before = available(item(0).id, here);
    const error = await addReceivedStock(
      sim.client,
      receipt([
        { inventoryItemId: item(0).id, locationId: here, units: 5 },
        { inventoryItemId: "999999999", locationId: here, units: 1 },
        { inventoryItemId: item(1).id, locationId: popUp.id, units: 4 },
        { inventoryItemId: item(1).id, locationId: "888888888", units: 2 },
      ]),
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StockReceiptError);
    expect((error as StockReceiptError).problems).toEqual([
      { lines: [2], code: "UNKNOWN_INVENTORY_ITEM", message: "inventory item 999999999 does not exist in Shopify" },
      { lines: [3], code: "NOT_STOCKED_AT_LOCATION", message: `SKU ${item(1).sku} is not stocked at Pop-up; stock it there in Shopify, then receive again` },
      { lines: [4], code: "UNKNOWN_LOCATION", message: "location 888888888 does not exist in Shopify" },
    ]);
    expect((error as Error).message).toBe(
      `Shopify cannot take this receipt: line 2: inventory item 999999999 does not exist in Shopify; line 3: SKU ${item(1).sku} is not stocked at Pop-up; stock it there in Shopify, then receive again; line 4: location 888888888 does not exist in Shopify`,
    );
    expect(available(item(0).id, here)).toBe(before);
    expect(sim.shop.inventoryAdjustmentGroups).toEqual([]);
    expect(sim.shop.store.inactiveLevels.size).toBe(0);
  });

  it("turns Shopify's userErrors into a StockReceiptError that says what to do", async () => {
    const here = warehouse().id;
    const first = receipt([{ inventoryItemId: item(3).id, locationId: here, units: 2 }]);
    await addReceivedStock(sim.client, first);
    const sameKeyOtherLines = { ...first, lines: [{ inventoryItemId: item(3).id, locationId: here, units: 5 }] };
    const error = await addReceivedStock(sim.client, sameKeyOtherLines).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StockReceiptError);
    expect((error as Error).message).toBe("Shopify refused the receipt: this idempotency key was already used for a different receipt");
    expect((error as StockReceiptError).problems).toMatchObject([{ code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH", lines: [] }]);
    expect((error as StockReceiptError).retryable).toBe(false);
  });

  it("throws MissingScopeError when the shop has not granted write_inventory, and changes nothing", async () => {
    sim.shop.grantedScopes = [...READ_SCOPES];
    const here = warehouse().id;
    const before = available(item(0).id, here);
    const error = await addReceivedStock(sim.client, receipt([{ inventoryItemId: item(0).id, locationId: here, units: 5 }])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingScopeError);
    expect(error).toMatchObject({ scope: "write_inventory" });
    expect((error as Error).message).toContain("Reconnect Tempo to let it update stock");
    expect(available(item(0).id, here)).toBe(before);
  });

  it("throws MissingScopeError through a route's admin client too (the library throws GraphqlQueryError there)", async () => {
    const accessDenied = { message: "Access denied for inventoryAdjustQuantities field.", extensions: { code: "ACCESS_DENIED", requiredAccess: "`write_inventory` access scope." } };
    const admin = {
      graphql: async (query: string) => {
        if (query.includes("ReceiptDestinations")) {
          const data = { location: { id: "gid://shopify/Location/1", name: "Warehouse" }, nodes: [{ id: "gid://shopify/InventoryItem/2", sku: "S", inventoryLevel: { id: "x", isActive: true } }] };
          return new Response(JSON.stringify({ data }));
        }
        throw new GraphqlQueryError({ message: accessDenied.message, response: {}, body: { data: { inventoryAdjustQuantities: null }, errors: { graphQLErrors: [accessDenied] } } });
      },
    };
    const error = await addReceivedStock(fromRemixAdmin(admin as never), receipt([{ inventoryItemId: "2", locationId: "1", units: 1 }])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingScopeError);
  });
});

describe("fromRemixAdmin", () => {
  it("raises the library's GraphqlQueryError as a ShopifyQueryError carrying Shopify's errors", async () => {
    const errors = [{ message: "Throttled", extensions: { code: "THROTTLED" } }];
    const admin = { graphql: async () => Promise.reject(new GraphqlQueryError({ message: "Throttled", response: {}, body: { errors: { graphQLErrors: errors } } })) };
    const error = await fromRemixAdmin(admin as never)("query { shop { id } }").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyQueryError);
    expect((error as Error).message).toBe("Shopify rejected the query: Throttled");
    expect(graphqlErrorsOf(error)).toEqual(errors);
  });
});

describe("grantAllowsReceiving and purchaseOrderDocumentUri", () => {
  it("reads the recorded grant and builds the document GID", () => {
    expect(grantAllowsReceiving("read_products,write_inventory")).toBe(true);
    expect(grantAllowsReceiving("read_products,read_inventory")).toBe(false);
    expect(grantAllowsReceiving(null)).toBe(false);
    expect(purchaseOrderDocumentUri(41n)).toBe("gid://tempo-sop/PurchaseOrder/41");
  });
});
