import { createHmac, timingSafeEqual } from "node:crypto";

/** Shopify's webhook signature: HMAC-SHA256 of the raw body with the app's secret, base64, compared in constant time. */
export function hasValidHmac(body: string, signature: string, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(body, "utf8").digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
