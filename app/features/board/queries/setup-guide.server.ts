/** What the setup guide checks off, and its dismissal. Scoped by shopId. */
import prisma from "~/platform/db.server";

export interface SetupFacts {
  dismissed: boolean;
  suppliers: number;
  settingsSaved: boolean;
  /** Proposals approved, rejected or ordered, and purchase orders: the merchant has reviewed some. */
  decisions: number;
}

export async function loadSetupFacts(shopId: number): Promise<SetupFacts> {
  const [shop, suppliers, decided, orders] = await Promise.all([
    prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { setupGuideDismissedAt: true, planSettings: true } }),
    prisma.supplier.count({ where: { shopId } }),
    prisma.reorderProposal.count({ where: { shopId, status: { not: "PROPOSED" } } }),
    prisma.purchaseOrder.count({ where: { shopId } }),
  ]);
  const settings = shop.planSettings;
  return {
    dismissed: shop.setupGuideDismissedAt !== null,
    suppliers,
    settingsSaved: settings !== null && typeof settings === "object" && Object.keys(settings).length > 0,
    decisions: decided + orders,
  };
}

export async function markSetupGuideDismissed(shopId: number): Promise<void> {
  await prisma.shop.updateMany({ where: { id: shopId, setupGuideDismissedAt: null }, data: { setupGuideDismissedAt: new Date() } });
}
