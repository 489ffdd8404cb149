/** The reads behind the product page block: the product's live variants, their rows in the active plan, and open proposals. Scoped by shop. */
import prisma from "~/platform/db.server";

export function findShopPlan(shopDomain: string) {
  return prisma.shop.findUnique({ where: { domain: shopDomain }, select: { id: true, activePlanRunId: true } });
}

export function findLiveProduct(shopId: number, productId: bigint) {
  return prisma.product.findFirst({ where: { shopId, id: productId, deletedAt: null }, select: { title: true } });
}

export function findPlanRun(shopId: number, runId: number) {
  return prisma.planRun.findFirst({ where: { shopId, id: runId }, select: { id: true, asOf: true } });
}

export async function loadProductPlanRows(shopId: number, runId: number, productId: bigint) {
  const variants = await prisma.variant.findMany({
    where: { shopId, productId, deletedAt: null },
    select: { id: true, title: true, sku: true },
    orderBy: { id: "asc" },
  });
  const variantIds = variants.map((v) => v.id);
  const [plans, proposals] = await Promise.all([
    prisma.stockPlan.findMany({
      where: { shopId, planRunId: runId, variantId: { in: variantIds } },
      select: {
        variantId: true,
        locationId: true,
        available: true,
        onHand: true,
        inbound: true,
        weeksOfSupply: true,
        projectedStockoutDate: true,
        orderByDate: true,
        leadTimeDays: true,
        projectionReason: true,
      },
    }),
    prisma.reorderProposal.findMany({
      where: { shopId, variantId: { in: variantIds }, status: { in: ["PROPOSED", "APPROVED"] } },
      select: { id: true, variantId: true, locationId: true, status: true, quantity: true, orderByDate: true, expectedArrivalDate: true, reason: true },
    }),
  ]);
  const locationIds = [...new Set(plans.map((p) => p.locationId))];
  const locations = await prisma.location.findMany({ where: { shopId, id: { in: locationIds } }, select: { id: true, name: true } });
  return { variants, plans, proposals, locations };
}
