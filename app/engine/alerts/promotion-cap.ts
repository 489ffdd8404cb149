/**
 * "Promotion cap reached": a variant of a live promotion sold the units its phasing capped it
 * at (at every location), so the discount should end on it. One open alert per promotion and
 * variant, kept by the promotion watch: it opens when the cap is reached, is refreshed as sales
 * go on, and resolves when the promotion is no longer live, the variant leaves it or loses its
 * cap, or the cap is raised above what it sold. A refund dipping below the same cap leaves it
 * open, so Flow is not told twice about one cap.
 */
import type { AlertCandidate } from "./evaluate-alerts";
import { ALERT_KIND_TABLE } from "./kinds";
import { variantLabel } from "~/engine/wording";

export interface CapProgress {
  promotionId: number;
  promotionName: string;
  /** The Shopify discount it runs as (numeric id), or null. */
  discountId: string | null;
  variantId: string;
  productTitle: string;
  variantTitle: string;
  capUnits: number;
  /** Units sold on the promotion's days so far, at every location. */
  unitsSold: number;
}

export interface OpenCapAlert {
  id: number;
  /** Null once its promotion was deleted. */
  promotionId: number | null;
  variantId: string;
  /** The cap it was opened or last refreshed with. */
  capUnits: number | null;
}

export type CapCandidate = AlertCandidate & { promotionId: number; variantId: string };

export interface CapAlertChanges {
  open: CapCandidate[];
  refresh: { id: number; candidate: CapCandidate }[];
  resolve: number[];
}

const units = (n: number) => n.toLocaleString("en-US");

export function promotionCapAlert(progress: CapProgress): CapCandidate | null {
  if (progress.unitsSold < progress.capUnits) return null;
  return {
    kind: "PROMOTION_CAP_REACHED",
    severity: ALERT_KIND_TABLE.PROMOTION_CAP_REACHED.severity(),
    reason: `${variantLabel(progress.productTitle, progress.variantTitle)} sold ${units(progress.unitsSold)} units in "${progress.promotionName}", its cap of ${units(progress.capUnits)}: end the discount on it to keep the rest of its stock for later demand.`,
    facts: { promotionId: progress.promotionId, promotionName: progress.promotionName, discountId: progress.discountId, capUnits: progress.capUnits, unitsSold: progress.unitsSold },
    valueAtRisk: null,
    promotionId: progress.promotionId,
    variantId: progress.variantId,
  };
}

const key = (promotionId: number | null, variantId: string) => `${promotionId}:${variantId}`;

/** `watched`: every capped variant of the shop's live promotions, reached or not. */
export function capAlertChanges(openAlerts: readonly OpenCapAlert[], watched: readonly CapProgress[]): CapAlertChanges {
  const openByKey = new Map(openAlerts.map((a) => [key(a.promotionId, a.variantId), a]));
  const changes: CapAlertChanges = { open: [], refresh: [], resolve: [] };
  const kept = new Set<number>();
  for (const progress of watched) {
    const existing = openByKey.get(key(progress.promotionId, progress.variantId));
    const candidate = promotionCapAlert(progress);
    if (candidate && existing) changes.refresh.push({ id: existing.id, candidate });
    else if (candidate) changes.open.push(candidate);
    if (existing && (candidate || existing.capUnits === null || progress.capUnits <= existing.capUnits)) kept.add(existing.id);
  }
  for (const alert of openAlerts) if (!kept.has(alert.id)) changes.resolve.push(alert.id);
  return changes;
}
