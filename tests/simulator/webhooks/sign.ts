import { createHmac } from "node:crypto";

/** Shopify's webhook signature: base64 HMAC-SHA256 of the raw body with the app's API secret. */
export function webhookHmac(rawBody: string, apiSecret: string): string {
  return createHmac("sha256", apiSecret).update(rawBody, "utf8").digest("base64");
}
