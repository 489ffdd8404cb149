/**
 * Seeds a committed plan directly in the tables (the planning engine is not under test here):
 * a product with its variants and locations, a PlanRun made active on the Shop, one StockPlan
 * per variant and location, and optional open proposals.
 */
import type { PrismaClient, ProposalStatus } from "@prisma/client";

export interface SeedLocationPlan {
  locationId: bigint;
  locationName: string;
  available: number;
  inbound?: number;
  weeksOfSupply: number | null;
  /** YYYY-MM-DD or null */
  projectedStockoutDate: string | null;
  orderByDate?: string | null;
  leadTimeDays?: number;
  proposal?: { status: ProposalStatus; quantity: number; orderByDate: string; expectedArrivalDate: string };
}

export interface SeedVariantPlan {
  variantId: bigint;
  title: string;
  sku: string | null;
  locations: SeedLocationPlan[];
}

export interface SeedPlanInput {
  shopId: number;
  productId: bigint;
  productTitle: string;
  /** YYYY-MM-DD */
  asOf: string;
  variants: SeedVariantPlan[];
  /** Commit the run on the shop (default true); false leaves the shop without a plan. */
  activate?: boolean;
}

const date = (day: string) => new Date(`${day}T00:00:00Z`);

export async function seedCommittedPlan(prisma: PrismaClient, input: SeedPlanInput): Promise<{ planRunId: number }> {
  const { shopId, productId } = input;
  await prisma.product.upsert({
    where: { shopId_id: { shopId, id: productId } },
    create: { shopId, id: productId, title: input.productTitle },
    update: { title: input.productTitle, deletedAt: null },
  });
  const locations = new Map(input.variants.flatMap((v) => v.locations.map((l) => [l.locationId, l.locationName] as const)));
  for (const [id, name] of locations) {
    await prisma.location.upsert({ where: { shopId_id: { shopId, id } }, create: { shopId, id, name }, update: { name } });
  }
  for (const variant of input.variants) {
    await prisma.variant.upsert({
      where: { shopId_id: { shopId, id: variant.variantId } },
      create: { shopId, id: variant.variantId, productId, title: variant.title, sku: variant.sku, price: "40.00" },
      update: { productId, title: variant.title, sku: variant.sku, deletedAt: null },
    });
  }
  const run = await prisma.planRun.create({
    data: { shopId, kind: "FULL", status: "SUCCEEDED", trigger: "test", asOf: date(input.asOf), finishedAt: new Date() },
  });
  for (const variant of input.variants) {
    for (const l of variant.locations) {
      await prisma.stockPlan.create({
        data: {
          shopId,
          planRunId: run.id,
          variantId: variant.variantId,
          locationId: l.locationId,
          asOf: date(input.asOf),
          termsSource: "shop",
          abcClass: "A",
          serviceLevel: 0.95,
          leadTimeDays: l.leadTimeDays ?? 21,
          reviewDays: 7,
          available: l.available,
          onHand: l.available,
          inbound: l.inbound ?? 0,
          safetyStock: 10,
          reorderPoint: 40,
          orderUpTo: 120,
          weeksOfSupply: l.weeksOfSupply,
          projectedStockoutDate: l.projectedStockoutDate ? date(l.projectedStockoutDate) : null,
          orderByDate: l.orderByDate ? date(l.orderByDate) : null,
          projected: [],
          projectedLow: [],
          projectedHigh: [],
          inboundByWeek: [],
          policyReason: "test policy",
          projectionReason: `${l.weeksOfSupply ?? "no"} weeks of supply at ${l.locationName}`,
        },
      });
      if (l.proposal) {
        await prisma.reorderProposal.create({
          data: {
            shopId,
            variantId: variant.variantId,
            locationId: l.locationId,
            status: l.proposal.status,
            suggestedQuantity: l.proposal.quantity,
            quantity: l.proposal.quantity,
            orderByDate: date(l.proposal.orderByDate),
            expectedArrivalDate: date(l.proposal.expectedArrivalDate),
            reason: "Reorder point reached",
            termsSource: "shop",
            termsNote: "shop defaults",
            planRunId: run.id,
          },
        });
      }
    }
  }
  if (input.activate ?? true) await prisma.shop.update({ where: { id: shopId }, data: { activePlanRunId: run.id } });
  return { planRunId: run.id };
}
