import { describe, expect, it } from "vitest";
import {
  parseDeletedId,
  parseInventoryItemPayload,
  parseInventoryLevelPayload,
  parseLocationPayload,
  parseOrderPayload,
  parseProductPayload,
  parseRefundPayload,
  parseShopUpdatePayload,
  PRODUCT_WEBHOOK_VARIANT_CAP,
  WebhookPayloadError,
} from "~/shopify/webhook-payloads.server";

const level = { inventory_item_id: 1, location_id: 2, updated_at: "2026-01-01T00:00:00Z" };

describe("webhook payload validation", () => {
  it("rejects bodies without the version timestamps instead of guessing them", () => {
    const order = { id: 1, processed_at: "2026-01-01T00:00:00Z", created_at: "2026-01-01T00:00:00Z", line_items: [] };
    expect(() => parseOrderPayload(order)).toThrow(WebhookPayloadError);
    expect(() => parseOrderPayload({ ...order, updated_at: "2026-01-02T00:00:00Z", processed_at: undefined, created_at: undefined })).toThrow(/processed_at/);
    expect(() => parseProductPayload({ id: 1, variants: [] })).toThrow(WebhookPayloadError);
    expect(() => parseLocationPayload({ id: 1, name: "Shop" })).toThrow(WebhookPayloadError);
    expect(() => parseInventoryLevelPayload({ inventory_item_id: 1, location_id: 2, available: 3 })).toThrow(WebhookPayloadError);
    expect(() => parseOrderPayload({ updated_at: "2026-01-02T00:00:00Z" })).toThrow(WebhookPayloadError);
  });

  it("reads available: null (untracked) as no figure, not as zero", () => {
    expect(parseInventoryLevelPayload({ ...level, available: null })).toBeNull();
    expect(parseInventoryLevelPayload(level)).toBeNull();
    expect(parseInventoryLevelPayload({ ...level, available: 0 })).toMatchObject({ available: 0 });
    expect(parseInventoryLevelPayload({ ...level, available: -3 })).toMatchObject({ available: -3 });
  });

  it("treats a product body's variants as complete only below the cap", () => {
    const body = (count: number) => ({
      id: 1,
      updated_at: "2026-01-01T00:00:00Z",
      variants: Array.from({ length: count }, (_, i) => ({ id: i + 1 })),
    });
    expect(parseProductPayload(body(PRODUCT_WEBHOOK_VARIANT_CAP - 1)).variantsComplete).toBe(true);
    expect(parseProductPayload(body(PRODUCT_WEBHOOK_VARIANT_CAP)).variantsComplete).toBe(false);
  });
});

const order = (changes: Record<string, unknown> = {}, line: Record<string, unknown> = {}) => ({
  id: 1001,
  updated_at: "2026-01-02T00:00:00Z",
  created_at: "2026-01-01T00:00:00Z",
  line_items: [{ id: 2001, variant_id: 3001, product_id: 4001, quantity: 2, price: "10.00", ...line }],
  ...changes,
});

describe("webhook payload ranges", () => {
  it("accepts a normal order body", () => {
    expect(parseOrderPayload(order()).lines).toMatchObject([{ id: 2001n, variantId: 3001n, quantity: 2, unitPrice: "10.00" }]);
  });

  it("rejects quantities a PostgreSQL integer cannot hold, negative or fractional ones", () => {
    for (const quantity of [3e9, -1, 1.5, "many", null]) {
      expect(() => parseOrderPayload(order({}, { quantity })), String(quantity)).toThrow(WebhookPayloadError);
    }
    expect(() => parseOrderPayload(order({ refunds: [{ refund_line_items: [{ line_item_id: 2001, quantity: 3e9 }] }]}))).toThrow(/refunded quantity/);
    expect(() => parseRefundPayload({ id: 1, order_id: 1001, created_at: "2026-01-02T00:00:00Z", refund_line_items: [{ line_item_id: 2001, quantity: 3e9 }] })).toThrow(
      WebhookPayloadError,
    );
    expect(() => parseInventoryLevelPayload({ ...level, available: 3e9 })).toThrow(WebhookPayloadError);
  });

  it("rejects ids beyond the bigint range, ids a JSON number cannot carry exactly, and non-positive ids", () => {
    expect(() => parseOrderPayload(order({ id: "9223372036854775808" }))).toThrow(/order id/);
    expect(() => parseOrderPayload(order({}, { variant_id: 2 ** 63 }))).toThrow(/variant id/);
    expect(() => parseOrderPayload(order({}, { id: 2 ** 53 + 2 }))).toThrow(/line item id/);
    expect(() => parseOrderPayload(order({ id: 0 }))).toThrow(/order id/);
    expect(parseOrderPayload(order({ id: "9223372036854775807" })).order.id).toBe(9_223_372_036_854_775_807n);
    expect(() => parseDeletedId({ id: "18446744073709551615" })).toThrow(WebhookPayloadError);
  });

  it("rejects line_items (and other lists) that are not lists, instead of storing an order with no lines", () => {
    expect(() => parseOrderPayload(order({ line_items: { id: 1 } }))).toThrow(/line_items/);
    expect(() => parseOrderPayload(order({ line_items: undefined }))).toThrow(/line_items/);
    expect(() => parseOrderPayload(order({ refunds: "none" }))).toThrow(/refunds/);
    expect(() => parseProductPayload({ id: 1, updated_at: "2026-01-01T00:00:00Z", variants: {} })).toThrow(/variants/);
  });

  it("rejects money that is not a decimal amount the columns hold", () => {
    expect(() => parseOrderPayload(order({}, { price: "1e30" }))).toThrow(/line price/);
    expect(() => parseOrderPayload(order({}, { price: "ten" }))).toThrow(/line price/);
    expect(() => parseInventoryItemPayload({ id: 5, cost: "123456789012345.00" })).toThrow(/unit cost/);
    expect(parseInventoryItemPayload({ id: 5, cost: "12.345" }).unitCost).toBe("12.345");
  });
});

describe("shop/update payloads", () => {
  it("keeps the profile fields Tempo stores, leaves absent ones null and needs updated_at", () => {
    const body = { id: 1, name: "Store", currency: "EUR", iana_timezone: "Europe/Paris", timezone: "(GMT+01:00) Europe/Paris", updated_at: "2026-11-01T10:00:00Z" };
    expect(parseShopUpdatePayload(body)).toEqual({ name: "Store", currencyCode: "EUR", ianaTimezone: "Europe/Paris", updatedAt: new Date("2026-11-01T10:00:00Z") });
    expect(parseShopUpdatePayload({ id: 1, updated_at: "2026-11-01T10:00:00Z" })).toMatchObject({ name: null, currencyCode: null, ianaTimezone: null });
    expect(() => parseShopUpdatePayload({ ...body, updated_at: undefined })).toThrow(WebhookPayloadError);
  });
});
