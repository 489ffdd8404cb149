/** The sync panel ("Data in Tempo"): what Tempo holds of the shop, the import under way, what it refused. */
import type { SyncKind, SyncStatus } from "@prisma/client";
import { discountsUnavailableReason } from "~/shopify/discounts.server";
import { findShopByDomain, loadSyncFacts, type RefusedDelivery } from "./queries.server";

export type { RefusedDelivery };

export interface SyncProgress {
  kind: SyncKind;
  /** JSONL lines of the current export written so far, and the export's size (null until Shopify says). */
  linesApplied: number;
  totalLines: number | null;
  orders: number;
  orderLines: number;
  variants: number;
}

export interface ShopOverview {
  shopName: string | null;
  counts: { locations: number; products: number; variants: number; orders: number };
  latestSync: {
    kind: SyncKind;
    status: SyncStatus;
    startedAt: string | null;
    finishedAt: string | null;
    error: string | null;
  } | null;
  /** Set while an import or check runs. */
  progress: SyncProgress | null;
  lastSuccessfulSyncAt: string | null;
  /** When Shopify last refused Tempo's token; cleared once a fresh one is exchanged. */
  accessLostAt: string | null;
  /** Webhook deliveries Tempo refused or gave up on: how many, and the latest with their reasons. */
  refusedDeliveries: { total: number; latest: RefusedDelivery[] };
  /** Why Shopify's discounts are missing (the grant lacks read_discounts), or null. */
  discountsUnavailable: string | null;
}

const num = (value: unknown): number => (typeof value === "number" ? value : 0);

/** The counts the overview page shows. Every query is scoped to the shop. */
export async function getShopOverview(shopDomain: string): Promise<ShopOverview | null> {
  const shop = await findShopByDomain(shopDomain);
  if (!shop) return null;
  const { counts: catalogue, running, latestTouched: latestCreated, lastSuccess, refusedDeliveries } = await loadSyncFacts(shop.id);
  // A run working now wins over one queued ahead of it (the orders export starts during the catalogue import).
  const latestSync = running ?? latestCreated;
  const counts = (latestSync?.counts ?? {}) as Record<string, unknown>;
  return {
    shopName: shop.name,
    counts: catalogue,
    latestSync: latestSync && {
      kind: latestSync.kind,
      status: latestSync.status,
      startedAt: latestSync.startedAt?.toISOString() ?? null,
      finishedAt: latestSync.finishedAt?.toISOString() ?? null,
      error: latestSync.error,
    },
    progress:
      latestSync && (latestSync.status === "RUNNING" || latestSync.status === "QUEUED")
        ? {
            kind: latestSync.kind,
            linesApplied: num(counts.linesApplied),
            totalLines: typeof counts.totalLines === "number" ? counts.totalLines : null,
            orders: num(counts.orders),
            orderLines: num(counts.orderLines),
            variants: num(counts.variants),
          }
        : null,
    lastSuccessfulSyncAt: lastSuccess?.finishedAt?.toISOString() ?? null,
    accessLostAt: shop.accessLostAt?.toISOString() ?? null,
    refusedDeliveries,
    discountsUnavailable: discountsUnavailableReason(shop),
  };
}
