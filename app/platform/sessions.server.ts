import prisma from "./db.server";

export async function updateSessionScopes(shop: string, sessionId: string, scope: string): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, shop }, data: { scope } });
}

/**
 * The shop's offline token was refused: the stored session is emptied (the library then
 * treats it as inactive and exchanges a fresh token on the next authenticated request)
 * and the shop is marked, so the app can say so and the sync resumes once reconnected.
 * Only while the refused token is still the stored one: false when a fresh token was
 * exchanged meanwhile (a job that started with the old one should simply retry).
 */
export async function recordShopAccessLost(shopDomain: string, refusedToken: string | undefined): Promise<boolean> {
  const stillStored = { shop: shopDomain, isOnline: false, ...(refusedToken === undefined ? {} : { accessToken: refusedToken }) };
  return prisma.$transaction(async (tx) => {
    if ((await tx.session.count({ where: stillStored })) === 0) return false;
    await tx.session.updateMany({ where: stillStored, data: { accessToken: "" } });
    await tx.shop.updateMany({ where: { domain: shopDomain, accessLostAt: null }, data: { accessLostAt: new Date() } });
    return true;
  });
}

/** Empties the offline session's token so the next authenticated request exchanges a fresh one. */
export async function invalidateOfflineSession(shopDomain: string): Promise<void> {
  await prisma.session.updateMany({ where: { shop: shopDomain, isOnline: false }, data: { accessToken: "" } });
}
