import { describe, expect, it } from "vitest";
import {
  parseInventoryLevelPayload,
  parseLocationPayload,
  parseOrderPayload,
  parseProductPayload,
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

describe("shop/update payloads", () => {
  it("keeps the profile fields Tempo stores, leaves absent ones null and needs updated_at", () => {
    const body = { id: 1, name: "Store", currency: "EUR", iana_timezone: "Europe/Paris", timezone: "(GMT+01:00) Europe/Paris", updated_at: "2026-11-01T10:00:00Z" };
    expect(parseShopUpdatePayload(body)).toEqual({ name: "Store", currencyCode: "EUR", ianaTimezone: "Europe/Paris", updatedAt: new Date("2026-11-01T10:00:00Z") });
    expect(parseShopUpdatePayload({ id: 1, updated_at: "2026-11-01T10:00:00Z" })).toMatchObject({ name: null, currencyCode: null, ianaTimezone: null });
    expect(() => parseShopUpdatePayload({ ...body, updated_at: undefined })).toThrow(WebhookPayloadError);
  });
});
