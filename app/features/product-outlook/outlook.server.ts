import type { ProposalStatus } from "@prisma/client";
import { findLiveProduct, findPlanRun, findShopPlan, loadProductPlanRows } from "./queries.server";

/** An open reorder line (proposed or approved) for one variant at one location. */
export interface OpenProposal {
  id: number;
  status: Extract<ProposalStatus, "PROPOSED" | "APPROVED">;
  quantity: number;
  /** YYYY-MM-DD */
  orderByDate: string;
  expectedArrivalDate: string;
  reason: string;
}

export interface LocationStockOutlook {
  locationId: string;
  locationName: string;
  available: number;
  onHand: number;
  inbound: number;
  weeksOfSupply: number | null;
  /** YYYY-MM-DD, null when the plan sees no stockout within its horizon. */
  projectedStockoutDate: string | null;
  orderByDate: string | null;
  leadTimeDays: number;
  /** The engine's one-line reason for the projection. */
  reason: string;
  proposal: OpenProposal | null;
}

/**
 * Across locations: stock and inbound add up; weeks of supply and the stockout date are the
 * tightest location's, because stock at one location does not cover a stockout at another.
 */
export interface VariantStockTotals {
  available: number;
  onHand: number;
  inbound: number;
  weeksOfSupply: number | null;
  projectedStockoutDate: string | null;
  /** Where the earliest stockout happens. */
  stockoutLocationName: string | null;
  /** Units on open proposals, every location. */
  proposedUnits: number;
}

export interface VariantStockOutlook {
  variantId: string;
  title: string;
  sku: string | null;
  /** The variant's page in Tempo. */
  link: string;
  /** False when the committed plan has no row for it (not tracked, or new since the plan ran). */
  planned: boolean;
  total: VariantStockTotals;
  locations: LocationStockOutlook[];
}

export type ProductStockOutlook =
  | { state: "ready"; productId: string; productTitle: string; asOf: string; variants: VariantStockOutlook[] }
  /** No committed plan yet: the first one is still being built. */
  | { state: "no-plan"; productId: string }
  /** Tempo has not imported this product (yet), or it was deleted. */
  | { state: "unknown-product"; productId: string };

const day = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);

function pickProposal<T extends { status: ProposalStatus; orderByDate: Date; id: number }>(proposals: T[]): T | null {
  // An approved line is the one that will be ordered; among equals, the most urgent.
  const rank = (p: T) => (p.status === "APPROVED" ? 0 : 1);
  return [...proposals].sort((a, b) => rank(a) - rank(b) || a.orderByDate.getTime() - b.orderByDate.getTime() || a.id - b.id)[0] ?? null;
}

function totalsOf(locations: LocationStockOutlook[]): VariantStockTotals {
  const withWeeks = locations.filter((l) => l.weeksOfSupply !== null);
  const withStockout = locations.filter((l) => l.projectedStockoutDate !== null).sort((a, b) => (a.projectedStockoutDate ?? "").localeCompare(b.projectedStockoutDate ?? ""));
  const first = withStockout[0] ?? null;
  return {
    available: locations.reduce((n, l) => n + l.available, 0),
    onHand: locations.reduce((n, l) => n + l.onHand, 0),
    inbound: locations.reduce((n, l) => n + l.inbound, 0),
    weeksOfSupply: withWeeks.length ? Math.min(...withWeeks.map((l) => l.weeksOfSupply ?? Infinity)) : null,
    projectedStockoutDate: first?.projectedStockoutDate ?? null,
    stockoutLocationName: first?.locationName ?? null,
    proposedUnits: locations.reduce((n, l) => n + (l.proposal?.quantity ?? 0), 0),
  };
}

/**
 * The product page block's data: the committed plan (Shop.activePlanRunId) for each live
 * variant of the product, per location and in total, with the open proposal per location.
 * Every query is scoped to the shop.
 */
export async function getProductStockOutlook(shopDomain: string, productId: bigint): Promise<ProductStockOutlook> {
  const id = productId.toString();
  const shop = await findShopPlan(shopDomain);
  if (!shop) return { state: "unknown-product", productId: id };
  const shopId = shop.id;
  const product = await findLiveProduct(shopId, productId);
  if (!product) return { state: "unknown-product", productId: id };
  const run = shop.activePlanRunId === null ? null : await findPlanRun(shopId, shop.activePlanRunId);
  if (!run) return { state: "no-plan", productId: id };
  const { variants, plans, proposals, locations } = await loadProductPlanRows(shopId, run.id, productId);
  const locationName = new Map(locations.map((l) => [l.id.toString(), l.name]));
  const key = (variantId: bigint, locationId: bigint) => `${variantId}@${locationId}`;
  const proposalsAt = new Map<string, typeof proposals>();
  for (const proposal of proposals) {
    const k = key(proposal.variantId, proposal.locationId);
    proposalsAt.set(k, [...(proposalsAt.get(k) ?? []), proposal]);
  }

  const outlooks: VariantStockOutlook[] = variants.map((variant) => {
    const rows = plans
      .filter((p) => p.variantId === variant.id)
      .map((plan): LocationStockOutlook => {
        const proposal = pickProposal(proposalsAt.get(key(plan.variantId, plan.locationId)) ?? []);
        return {
          locationId: plan.locationId.toString(),
          locationName: locationName.get(plan.locationId.toString()) ?? `Location ${plan.locationId}`,
          available: plan.available,
          onHand: plan.onHand,
          inbound: plan.inbound,
          weeksOfSupply: plan.weeksOfSupply,
          projectedStockoutDate: day(plan.projectedStockoutDate),
          orderByDate: day(plan.orderByDate),
          leadTimeDays: plan.leadTimeDays,
          reason: plan.projectionReason,
          proposal: proposal && {
            id: proposal.id,
            status: proposal.status as OpenProposal["status"],
            quantity: proposal.quantity,
            orderByDate: day(proposal.orderByDate) ?? "",
            expectedArrivalDate: day(proposal.expectedArrivalDate) ?? "",
            reason: proposal.reason,
          },
        };
      })
      .sort((a, b) => a.locationName.localeCompare(b.locationName));
    return {
      variantId: variant.id.toString(),
      title: variant.title,
      sku: variant.sku,
      link: `/app/variants/${variant.id}`,
      planned: rows.length > 0,
      total: totalsOf(rows),
      locations: rows,
    };
  });
  return { state: "ready", productId: id, productTitle: product.title, asOf: day(run.asOf) ?? "", variants: outlooks };
}
