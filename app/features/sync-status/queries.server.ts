/** The reads behind the sync panel: the shop's counts, its sync runs and refused deliveries. Scoped by shop. */
import type { WebhookEventStatus } from "@prisma/client";
import prisma from "~/platform/db.server";

export interface RefusedDelivery {
  webhookId: string;
  topic: string;
  status: "REJECTED" | "FAILED";
  reason: string | null;
  receivedAt: string;
}

/** The shop's most recent deliveries Tempo refused or gave up on, newest first, for the sync panel. */
export async function recentRefusedDeliveries(shopId: number, limit = 5): Promise<{ total: number; latest: RefusedDelivery[] }> {
  const where = { shopId, status: { in: ["REJECTED", "FAILED"] as WebhookEventStatus[] } };
  const [total, rows] = await Promise.all([
    prisma.webhookEvent.count({ where }),
    prisma.webhookEvent.findMany({ where, orderBy: { receivedAt: "desc" }, take: limit }),
  ]);
  return {
    total,
    latest: rows.map((r) => ({
      webhookId: r.webhookId,
      topic: r.topic,
      status: r.status as RefusedDelivery["status"],
      reason: r.reason,
      receivedAt: r.receivedAt.toISOString(),
    })),
  };
}

/**
 * Counting a shop's orders reads every one of them (570k: 90 ms on three processes), and the
 * board asks every 5 s while it is open; the count is kept for half a minute per shop instead,
 * unless a sync run changed since it was taken (an import that just finished shows its orders at once).
 */
const ORDER_COUNT_TTL_MS = 30_000;
const orderCounts = new Map<number, { at: number; count: Promise<number> }>();

function liveOrderCount(shopId: number, syncChangedAt: Date | null): Promise<number> {
  const cached = orderCounts.get(shopId);
  const stale = !cached || Date.now() - cached.at >= ORDER_COUNT_TTL_MS || (syncChangedAt !== null && syncChangedAt.getTime() >= cached.at);
  if (cached && !stale) return cached.count;
  const count = prisma.order.count({ where: { shopId, deletedAt: null } });
  orderCounts.set(shopId, { at: Date.now(), count });
  count.catch(() => orderCounts.delete(shopId));
  return count;
}

export function findShopByDomain(shopDomain: string) {
  return prisma.shop.findUnique({ where: { domain: shopDomain } });
}

/** What the sync panel counts and the runs it reports on. */
export async function loadSyncFacts(shopId: number) {
  const where = { shopId };
  // Runs overlap (the orders export is created during the catalogue import), so the last one touched tells the news.
  const latestTouched = await prisma.syncRun.findFirst({ where, orderBy: { updatedAt: "desc" } });
  const [locations, products, variants, orders, running, lastSuccess, refusedDeliveries] = await Promise.all([
    prisma.location.count({ where: { ...where, deletedAt: null } }),
    prisma.product.count({ where: { ...where, deletedAt: null } }),
    prisma.variant.count({ where: { ...where, deletedAt: null } }),
    liveOrderCount(shopId, latestTouched?.updatedAt ?? null),
    prisma.syncRun.findFirst({ where: { ...where, status: "RUNNING" }, orderBy: { createdAt: "desc" } }),
    prisma.syncRun.findFirst({ where: { ...where, status: "SUCCEEDED" }, orderBy: { finishedAt: "desc" } }),
    recentRefusedDeliveries(shopId),
  ]);
  return { counts: { locations, products, variants, orders }, running, latestTouched, lastSuccess, refusedDeliveries };
}
