/**
 * Planned promotions' extra demand per forecast week for one variant: the shop's uplift model
 * (learned by the last full plan from past promotions) applied to the stored baseline forecast,
 * so a promotion edit re-plans its variants without forecasting again.
 */
import type { PlannedPromotion } from "~/engine/forecast/uplift-projection";
import { projectPromotion } from "~/engine/forecast/uplift-projection";
import { estimateUplift, type UpliftModel } from "~/engine/forecast/uplift";

/** The model a shop without a learned one starts from: the engine's priors by depth. */
export const PRIOR_UPLIFT_MODEL: UpliftModel = estimateUplift([]);

export function promotionUnits(
  variant: { variantId: string; groupKey: string },
  weekStarts: readonly string[],
  baselineWeekly: readonly number[],
  promotions: readonly PlannedPromotion[],
  model: UpliftModel | null,
): { units: number[]; reasons: string[] } {
  const units = weekStarts.map(() => 0);
  const reasons: string[] = [];
  for (const plan of promotions) {
    if (!plan.variantIds.includes(variant.variantId)) continue;
    const [effect] = projectPromotion(plan, [{ variantId: variant.variantId, groupId: variant.groupKey, weekStarts: [...weekStarts], weekly: [...baselineWeekly] }], model ?? PRIOR_UPLIFT_MODEL);
    if (!effect) continue;
    effect.extraUnits.forEach((extra, w) => (units[w] = (units[w] ?? 0) + extra));
    reasons.push(effect.reason);
  }
  return { units, reasons };
}

/** The grouping buildDemandOutlook uses by default, so the uplift model's groups line up. */
export function upliftGroupKey(variant: { productType: string | null; productId: string }): string {
  return variant.productType || `product:${variant.productId}`;
}
