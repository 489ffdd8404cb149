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
