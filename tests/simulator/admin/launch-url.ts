import { createHmac, randomBytes } from "node:crypto";
import type { SimAppConfig } from "../config";
import { issueSessionToken } from "../auth/jwt";

/** The `host` parameter: base64 of admin.shopify.com/store/<name>, without padding. */
export function hostParam(shopDomain: string): string {
  const storeName = shopDomain.replace(/\.myshopify\.com$/, "");
  return Buffer.from(`admin.shopify.com/store/${storeName}`).toString("base64").replace(/=+$/, "");
}

/** Hex HMAC over the sorted query (without hmac), as the admin signs app launch URLs. */
export function signQuery(params: URLSearchParams, apiSecret: string): string {
  const message = [...params.entries()]
    .filter(([key]) => key !== "hmac" && key !== "signature")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return createHmac("sha256", apiSecret).update(message).digest("hex");
}

/** The URL the admin frames: app URL + path, with embedded=1, shop, host, a fresh id_token and an hmac. */
export function buildAppLaunchUrl(options: { app: SimAppConfig; shopDomain: string; path?: string; extraQuery?: URLSearchParams; nowMs?: number }): string {
  const { app, shopDomain } = options;
  const nowMs = options.nowMs ?? Date.now();
  const url = new URL(options.path && options.path !== "/" ? options.path : "/", app.appUrl);
  if (url.pathname === "/" && (options.path ?? "/") === "/") url.pathname = new URL(app.appUrl).pathname || "/";
  for (const [key, value] of options.extraQuery ?? []) url.searchParams.set(key, value);
  const params = url.searchParams;
  params.set("embedded", "1");
  params.set("host", hostParam(shopDomain));
  params.set("id_token", issueSessionToken({ shop: shopDomain, apiKey: app.apiKey, apiSecret: app.apiSecret, nowMs }));
  params.set("locale", "en");
  params.set("session", randomBytes(16).toString("hex"));
  params.set("shop", shopDomain);
  params.set("timestamp", String(Math.floor(nowMs / 1000)));
  params.set("hmac", signQuery(params, app.apiSecret));
  return url.toString();
}
