import { describe, expect, it } from "vitest";
import { parseBulkLine } from "~/shopify/bulk-records.server";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { BulkResultGoneError, streamJsonlLines, TruncatedBulkFileError } from "~/shopify/bulk-jsonl.server";
import { gidNumber, orderProgress, refundedQuantity, removedQuantity, sumMoney } from "~/shopify/sync-records";
import { channelFromSource, parseOrderPayload, parseRefundPayload, refinedVersion } from "~/shopify/webhook-payloads.server";
import { copyLine } from "~/platform/copy-upsert.server";

describe("bulk JSONL records", () => {
  it("keeps three-decimal money as exported (KWD): unit price and summed discounts", () => {
    const line = parseBulkLine(
      JSON.stringify({
        id: "gid://shopify/LineItem/16",
        quantity: 2,
        currentQuantity: 2,
        originalUnitPriceSet: { shopMoney: { amount: "12.345", currencyCode: "KWD" } },
        discountAllocations: [{ allocatedAmountSet: { shopMoney: { amount: "0.105" } } }, { allocatedAmountSet: { shopMoney: { amount: "0.2" } } }],
        __parentId: "gid://shopify/Order/6",
      }),
    );
    expect(line).toMatchObject({ kind: "line", record: { unitPrice: "12.345", discount: "0.305" } });
  });

  it("maps lines by GID type and takes the parent from __parentId", () => {
    const level = parseBulkLine(
      JSON.stringify({
        id: "gid://shopify/InventoryLevel/9?inventory_item_id=47",
        location: { id: "gid://shopify/Location/3" },
        quantities: [{ name: "available", quantity: 0 }, { name: "on_hand", quantity: 2 }, { name: "committed", quantity: 2 }, { name: "incoming", quantity: 5 }],
        __parentId: "gid://shopify/ProductVariant/45",
      }),
    );
    expect(level).toMatchObject({ kind: "level", root: false, record: { inventoryItemId: 47n, locationId: 3n, variantId: 45n, available: 0, onHand: 2, committed: 2, incoming: 5 } });
    const line = parseBulkLine(
      JSON.stringify({
        id: "gid://shopify/LineItem/15",
        quantity: 3,
        currentQuantity: 1,
        variant: null,
        originalUnitPriceSet: { shopMoney: { amount: "10.5" } },
        discountAllocations: [{ allocatedAmountSet: { shopMoney: { amount: "1.10" } } }, { allocatedAmountSet: { shopMoney: { amount: "2.05" } } }],
        __parentId: "gid://shopify/Order/6",
      }),
    );
    expect(line).toMatchObject({ kind: "line", record: { id: 15n, orderId: 6n, variantId: null, unitPrice: "10.5", discount: "3.15", currentQuantity: 1 } });
    const order = parseBulkLine(JSON.stringify({ id: "gid://shopify/Order/6", processedAt: "2026-01-02T03:04:05Z", retailLocation: null, fulfillments: [{ location: { id: "gid://shopify/Location/8" } }], refunds: [{ id: "gid://shopify/Refund/1" }] }));
    expect(order).toMatchObject({ kind: "order", root: true, record: { locationId: 8n, hasRefunds: true, refundedByLine: null } });
  });

  it("splits missing units into refunded (order has refunds) or removed (edit)", () => {
    const line = { id: 1n, quantity: 5, currentQuantity: 2 };
    expect(refundedQuantity({ refundedByLine: null, hasRefunds: true }, line)).toBe(3);
    expect(refundedQuantity({ refundedByLine: null, hasRefunds: false }, line)).toBe(0);
    expect(refundedQuantity({ refundedByLine: new Map([[1n, 1]]), hasRefunds: true }, line)).toBe(1);
    expect(removedQuantity(line, 1)).toBe(2);
    expect(sumMoney(["0.10", "0.20"])).toBe("0.30");
    // Three-decimal currencies (KWD, BHD, JOD, OMR, TND) keep their third decimal; no float drift.
    expect(sumMoney(["0.105", "0.200"])).toBe("0.305");
    expect(sumMoney(["1.005", "2.005", "3.005"])).toBe("6.015");
    expect(sumMoney(["0.1", "0.2", "0.3"])).toBe("0.60");
    expect(sumMoney(["12345678901234.5678", "0.0002"])).toBe("12345678901234.5680");
    expect(sumMoney(["-1.50", "0.25"])).toBe("-1.25");
    expect(sumMoney([])).toBe("0.00");
    expect(gidNumber("gid://shopify/Order/123?x=1")).toBe(123n);
    expect(gidNumber("nope")).toBeNull();
  });

  it("ranks order versions: cancelled beats refunded beats untouched", () => {
    const base = { name: "", processedAt: new Date(0), createdAt: new Date(0), updatedAt: new Date(0), channel: null, locationId: null, currencyCode: null, test: false, discountCodes: [], refundedByLine: null, hasRefunds: false };
    const lines = (orderId: bigint, current: number) => [{ id: orderId * 10n, orderId, variantId: null, productId: null, sku: null, quantity: 3, currentQuantity: current, unitPrice: "1", discount: "0" }];
    const progress = orderProgress(
      [{ ...base, id: 1n, cancelledAt: null }, { ...base, id: 2n, cancelledAt: null, hasRefunds: true }, { ...base, id: 3n, cancelledAt: new Date(0) }],
      [...lines(1n, 3), ...lines(2n, 2), ...lines(3n, 0)],
    );
    expect(progress.get(1n)).toBe(0);
    expect(progress.get(2n)).toBe(1);
    expect(progress.get(3n)).toBeGreaterThan(progress.get(2n)!);
  });
});

describe("webhook payloads", () => {
  it("parses an order with refunds and maps the source to a channel", () => {
    const { order, lines } = parseOrderPayload({
      id: 6,
      name: "#1001",
      processed_at: "2026-01-02T03:04:05Z",
      updated_at: "2026-01-03T00:00:00Z",
      source_name: "pos",
      location_id: 71,
      discount_codes: [{ code: "SALE" }],
      refunds: [{ refund_line_items: [{ line_item_id: 15, quantity: 1 }] }, { refund_line_items: [{ line_item_id: 15, quantity: 1 }] }],
      line_items: [{ id: 15, variant_id: 45, quantity: 3, current_quantity: 1, price_set: { shop_money: { amount: "9.99" } }, discount_allocations: [{ amount_set: { shop_money: { amount: "1.00" } } }] }],
    });
    expect(order).toMatchObject({ id: 6n, channel: "Point of Sale", locationId: 71n, discountCodes: ["SALE"], hasRefunds: true });
    expect(order.refundedByLine?.get(15n)).toBe(2);
    expect(lines[0]).toMatchObject({ id: 15n, variantId: 45n, unitPrice: "9.99", discount: "1.00", currentQuantity: 1 });
    expect(channelFromSource("web")).toBe("Online Store");
    expect(channelFromSource("my-app")).toBe("my-app");
    expect(() => parseRefundPayload({ order_id: 1 })).toThrow(/refund id/);
  });

  it("refines a second-precision updated_at with the trigger time only within that second", () => {
    const updated = new Date("2026-01-01T00:00:05Z");
    expect(refinedVersion(updated, "2026-01-01T00:00:05.250Z")?.toISOString()).toBe("2026-01-01T00:00:05.250Z");
    expect(refinedVersion(updated, "2026-01-01T00:00:09.000Z")).toBe(updated);
    expect(refinedVersion(updated, undefined)).toBe(updated);
  });
});

describe("COPY text format", () => {
  it("escapes tabs, newlines, backslashes, nulls and arrays", () => {
    expect(copyLine(["a\tb", null, "x\\y\nz", ["t1", 'q"'], 5n, true])).toBe('a\\tb\t\\N\tx\\\\y\\nz\t{"t1","q\\\\""}\t5\ttrue\n');
  });
});

describe("JSONL streaming", () => {
  const dataUrl = (text: string) => `data:application/jsonl;base64,${Buffer.from(text).toString("base64")}`;
  async function collect(url: string, skip = 0) {
    const out: number[] = [];
    for await (const line of streamJsonlLines(url, skip)) out.push(line.index);
    return out;
  }

  it("yields lines after the cursor", async () => {
    expect(await collect(dataUrl('{"a":1}\n{"a":2}\n{"a":3}\n'), 1)).toEqual([1, 2]);
  });

  it("raises TruncatedBulkFileError when the file stops mid-line", async () => {
    await expect(collect(dataUrl('{"a":1}\n{"a":2}\n{"a":'))).rejects.toBeInstanceOf(TruncatedBulkFileError);
  });

  it("raises BulkResultGoneError when the result link has expired", async () => {
    const server = createServer((_req, res) => res.writeHead(403).end("expired"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await expect(collect(`http://127.0.0.1:${port}/result.jsonl`)).rejects.toBeInstanceOf(BulkResultGoneError);
    } finally {
      server.close();
    }
  });
});
