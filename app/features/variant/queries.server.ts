/** One variant's plan as its detail page reads it: the variant, and the active run's rows for it at every location. Scoped by shopId. */
import prisma from "~/platform/db.server";

export async function findVariantSummary(shopId: number, variantId: bigint) {
  const variant = await prisma.variant.findUnique({ where: { shopId_id: { shopId, id: variantId } } });
  if (!variant) return null;
  const product = await prisma.product.findUnique({ where: { shopId_id: { shopId, id: variant.productId } } });
  return { variant, product };
}

export async function loadVariantPlanRows(shopId: number, runId: number, variantId: bigint) {
  const [forecasts, stockPlans, locations] = await Promise.all([
    prisma.forecast.findMany({ where: { shopId, planRunId: runId, variantId } }),
    prisma.stockPlan.findMany({ where: { shopId, planRunId: runId, variantId } }),
    prisma.location.findMany({ where: { shopId, deletedAt: null } }),
  ]);
  return { forecasts, stockPlans, locations };
}

export async function liveProposalsOf(shopId: number, variantId: bigint) {
  return prisma.reorderProposal.findMany({ where: { shopId, variantId, status: { in: ["PROPOSED", "APPROVED"] } } });
}

export async function supplierName(shopId: number, supplierId: number | null): Promise<string | null> {
  if (supplierId === null) return null;
  return (await prisma.supplier.findFirst({ where: { shopId, id: supplierId }, select: { name: true } }))?.name ?? null;
}
