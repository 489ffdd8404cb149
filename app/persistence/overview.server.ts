import type { SyncKind, SyncStatus } from "@prisma/client";
import prisma from "~/db.server";
import { discountsUnavailableReason } from "./discounts.server";
import { recentRefusedDeliveries, type RefusedDelivery } from "./webhook-events.server";

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

/**
 * Counting a shop's orders reads every one of them (570k: 90 ms on three processes), and the
 * board asks every 5 s while it is open; the count is kept for half a minute per shop instead.
 */
const ORDER_COUNT_TTL_MS = 30_000;
const orderCounts = new Map<number, { at: number; count: Promise<number> }>();

function liveOrderCount(shopId: number): Promise<number> {
  const cached = orderCounts.get(shopId);
  if (cached && Date.now() - cached.at < ORDER_COUNT_TTL_MS) return cached.count;
  const count = prisma.order.count({ where: { shopId, deletedAt: null } });
  orderCounts.set(shopId, { at: Date.now(), count });
  count.catch(() => orderCounts.delete(shopId));
  return count;
}

/** The counts the overview page shows. Every query is scoped to the shop. */
export async function getShopOverview(shopDomain: string): Promise<ShopOverview | null> {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop) return null;
  const where = { shopId: shop.id };
  const [locations, products, variants, orders, running, latestCreated, lastSuccess, refusedDeliveries] = await Promise.all([
    prisma.location.count({ where: { ...where, deletedAt: null } }),
    prisma.product.count({ where: { ...where, deletedAt: null } }),
    prisma.variant.count({ where: { ...where, deletedAt: null } }),
    liveOrderCount(shop.id),
    prisma.syncRun.findFirst({ where: { ...where, status: "RUNNING" }, orderBy: { createdAt: "desc" } }),
    // Runs overlap (the orders export is created during the catalogue import), so the last one touched tells the news.
    prisma.syncRun.findFirst({ where, orderBy: { updatedAt: "desc" } }),
    prisma.syncRun.findFirst({ where: { ...where, status: "SUCCEEDED" }, orderBy: { finishedAt: "desc" } }),
    recentRefusedDeliveries(shop.id),
  ]);
  // A run working now wins over one queued ahead of it (the orders export starts during the catalogue import).
  const latestSync = running ?? latestCreated;
  const counts = (latestSync?.counts ?? {}) as Record<string, unknown>;
  return {
    shopName: shop.name,
    counts: { locations, products, variants, orders },
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
