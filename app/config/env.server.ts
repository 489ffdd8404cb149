/** Reads the process environment once, with errors that name the missing variable. */

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing environment variable ${name}. See README.md, "Configuration".`);
  }
  return value;
}

export function databaseUrl(): string {
  return required("DATABASE_URL");
}

/** The app's client secret: it signs webhooks and session tokens. */
export function shopifyApiSecret(): string {
  return required("SHOPIFY_API_SECRET");
}

export function redisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

/** Where App Bridge loads from when not Shopify's CDN (an offline admin, a test shell); null for the CDN. */
export function appBridgeUrl(): string | null {
  return process.env.APP_BRIDGE_URL || null;
}

/** Origins besides Shopify's admin that may frame the app (a staging admin proxy, a local admin). */
export function extraFrameAncestors(): string[] {
  return (process.env.ADDITIONAL_FRAME_ANCESTORS ?? "")
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * Largest webhook body read (WEBHOOK_BODY_LIMIT_BYTES, default 5 MiB); larger ones get 413.
 * Shopify's largest bodies (an order with hundreds of lines, a product with 2,048 variants) stay well under it.
 */
export function webhookBodyLimitBytes(): number {
  const configured = Number(process.env.WEBHOOK_BODY_LIMIT_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : 5 * 1024 * 1024;
}
