import { describe, expect, it } from "vitest";
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { webhookHmac } from "../../simulator/webhooks/sign";
import { hasValidHmac } from "~/shopify/webhook-signature";

const secret = "tempo-test-api-secret";

describe("the sync route's webhook signature check", () => {
  it("accepts Shopify's signature of the raw body and refuses another secret's, a changed body and a malformed header", async () => {
    const body = JSON.stringify({ id: 1, title: "Café ☕", line_items: [] });
    expect(hasValidHmac(body, webhookHmac(body, secret), secret)).toBe(true);
    expect(hasValidHmac(body, webhookHmac(body, "another-secret"), secret)).toBe(false);
    expect(hasValidHmac(`${body} `, webhookHmac(body, secret), secret)).toBe(false);
    expect(hasValidHmac(body, "not base64 at all", secret)).toBe(false);
    expect(hasValidHmac(body, "", secret)).toBe(false);
  });

  it("agrees with @shopify/shopify-api's own webhook validation", async () => {
    const api = shopifyApi({ apiKey: "k", apiSecretKey: secret, apiVersion: ApiVersion.October26, hostName: "tempo.example", isEmbeddedApp: true, logger: { level: 0 } });
    const body = JSON.stringify({ id: 7, quantity: 3 });
    for (const signature of [webhookHmac(body, secret), webhookHmac(body, "other")]) {
      const headers = {
        "x-shopify-hmac-sha256": signature,
        "x-shopify-topic": "orders/create",
        "x-shopify-shop-domain": "a.myshopify.com",
        "x-shopify-webhook-id": "w1",
        "x-shopify-api-version": "2026-10",
      };
      // The node adapter reads the request's headers object, as on an IncomingMessage.
      const library = await api.webhooks.validate({ rawBody: body, rawRequest: { headers } as never });
      expect(hasValidHmac(body, signature, secret)).toBe(library.valid);
    }
  });
});
