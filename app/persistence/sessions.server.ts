import prisma from "~/db.server";

export async function updateSessionScopes(shop: string, sessionId: string, scope: string): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, shop }, data: { scope } });
}

/**
 * The shop's offline token was refused: the stored session is emptied (the library then
 * treats it as inactive and exchanges a fresh token on the next authenticated request)
 * and the shop is marked, so the app can say so and the sync resumes once reconnected.
 */
export async function recordShopAccessLost(shopDomain: string): Promise<void> {
  await prisma.$transaction([
    prisma.session.updateMany({ where: { shop: shopDomain, isOnline: false }, data: { accessToken: "" } }),
    prisma.shop.updateMany({ where: { domain: shopDomain, accessLostAt: null }, data: { accessLostAt: new Date() } }),
  ]);
}

/** Empties the offline session's token so the next authenticated request exchanges a fresh one. */
export async function invalidateOfflineSession(shopDomain: string): Promise<void> {
  await prisma.session.updateMany({ where: { shop: shopDomain, isOnline: false }, data: { accessToken: "" } });
}
