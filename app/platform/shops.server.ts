/** The shop row: every feature finds the shop it works for here. */
import type { Shop } from "@prisma/client";
import prisma from "./db.server";

export async function findShopByDomain(domain: string): Promise<Shop | null> {
  return prisma.shop.findUnique({ where: { domain } });
}

/**
 * app/uninstalled: the token is dead, so sessions go now. Shop data stays until
 * shop/redact (48 hours later), so a quick reinstall keeps its history.
 */
export async function recordUninstall(domain: string): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop: domain } }),
    prisma.shop.updateMany({
      where: { domain },
      data: { status: "UNINSTALLED", uninstalledAt: new Date() },
    }),
  ]);
}

/**
 * shop/redact, in the request: sessions go at once and the shop stops syncing
 * (UNINSTALLED); its data is erased by the shop-erase job. Null when Tempo holds no shop.
 */
export async function markShopForErasure(domain: string): Promise<Shop | null> {
  const [, marked] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop: domain } }),
    prisma.shop.updateMany({ where: { domain }, data: { status: "UNINSTALLED", uninstalledAt: new Date() } }),
  ]);
  return marked.count > 0 ? prisma.shop.findUnique({ where: { domain } }) : null;
}

export async function findShopById(id: number): Promise<Shop | null> {
  return prisma.shop.findUnique({ where: { id } });
}

export async function listInstalledShops(): Promise<Shop[]> {
  return prisma.shop.findMany({ where: { status: "INSTALLED" } });
}

/** app/scopes_update: keeps the shop's grant current; says whether full order history just became readable. */
export async function updateShopScopes(
  domain: string,
  scopes: string[],
): Promise<{ shop: Shop | null; gainedAllOrders: boolean }> {
  const shop = await prisma.shop.findUnique({ where: { domain } });
  if (!shop) return { shop: null, gainedAllOrders: false };
  const hadAllOrders = (shop.accessScopes ?? "").split(",").includes("read_all_orders");
  const updated = await prisma.shop.update({ where: { domain }, data: { accessScopes: scopes.join(",") } });
  return { shop: updated, gainedAllOrders: !hadAllOrders && scopes.includes("read_all_orders") };
}

/** Reconnected: clears the mark. True when the shop had lost access (so its sync should resume). */
export async function clearShopAccessLost(shopId: number): Promise<boolean> {
  const cleared = await prisma.shop.updateMany({ where: { id: shopId, accessLostAt: { not: null } }, data: { accessLostAt: null } });
  return cleared.count > 0;
}
