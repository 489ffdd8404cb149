import type { SyncKind, SyncStatus } from "@prisma/client";
import prisma from "~/db.server";

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
}

/** The counts the overview page shows. Every query is scoped to the shop. */
export async function getShopOverview(shopDomain: string): Promise<ShopOverview | null> {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop) return null;
  const where = { shopId: shop.id };
  const [locations, products, variants, orders, latestSync] = await Promise.all([
    prisma.location.count({ where: { ...where, deletedAt: null } }),
    prisma.product.count({ where: { ...where, deletedAt: null } }),
    prisma.variant.count({ where: { ...where, deletedAt: null } }),
    prisma.order.count({ where }),
    prisma.syncRun.findFirst({ where, orderBy: { createdAt: "desc" } }),
  ]);
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
  };
}
