import type { ShopData } from "./store/types";

/** The app under test, as its Partner Dashboard / shopify.app.toml would declare it. */
export interface SimAppConfig {
  apiKey: string;
  apiSecret: string;
  /** The app's own URL (application_url), e.g. http://localhost:3000 */
  appUrl: string;
  /** Access scopes granted on install, e.g. ["read_products", "read_orders", "read_all_orders"]. */
  scopes: string[];
  /** App handle used in admin URLs: /store/<shop>/apps/<handle>. */
  handle?: string;
  /** Display name in the admin shell. */
  name?: string;
  /** topic ("orders/create") -> absolute or app-relative URL; merged over the toml's subscriptions. */
  webhookTargets?: Record<string, string>;
  /** Path of shopify.app.toml whose [webhooks] section declares app-specific subscriptions. */
  tomlPath?: string;
  /** The app's extensions folder (Flow triggers, admin blocks); default `extensions/` beside tomlPath. */
  extensionsDir?: string;
}

/** Shopify plan levels, which set the GraphQL leaky bucket size and restore rate. */
export type ShopPlanLevel = "standard" | "advanced" | "plus";

export const BUCKET_BY_PLAN: Record<ShopPlanLevel, { maximumAvailable: number; restoreRate: number }> = {
  standard: { maximumAvailable: 2000, restoreRate: 100 },
  advanced: { maximumAvailable: 4000, restoreRate: 200 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
};

export interface SimulatorOptions {
  app: SimAppConfig;
  /** Shops to host; each is addressed by its `shop.domain`. */
  shops: ShopData[];
  port?: number;
  /** Interface to bind, default 127.0.0.1. */
  host?: string;
  /** Public base URL if different from http://host:port (e.g. behind a proxy). */
  publicUrl?: string;
  /** API version reported in webhooks and accepted in paths; default the pinned schema version. */
  apiVersion?: string;
  plan?: ShopPlanLevel;
  /** X-Shopify-API-Version of webhooks (the toml's [webhooks] api_version); default apiVersion. */
  webhookApiVersion?: string;
  /** Clock for "now" (order visibility window, timestamps of new records); default real time. */
  now?: () => Date;
  /** Hide orders older than 60 days unless the app has read_all_orders, as Shopify does. Default true. */
  enforceReadAllOrders?: boolean;
  /** Where bulk operation JSONL files are written; default a fresh temp directory. */
  bulkDir?: string;
  /** Root objects per execution chunk while streaming a bulk operation. */
  bulkChunkSize?: number;
  /** Sends webhook deliveries (default the global fetch); a bench can capture them and replay them at its own pace. */
  webhookFetch?: typeof fetch;
  /** Log each request to stderr. */
  verbose?: boolean;
}
