/**
 * Safety stock, reorder point and order-up-to level for a periodic-review (s, S) policy, read
 * from the forecast's own predictive distribution rather than a normal approximation
 * (Silver, Pyke & Thomas, "Inventory and Production Management in Supply Chains", ch. 6–7):
 * - the protection interval is the lead time plus the review period (L + R);
 * - S is the service-level quantile of demand over L + R, so a cycle stocks out with
 *   probability 1 − service level; safety stock is S minus mean demand over L + R;
 * - s is mean demand over the lead time plus that safety stock: the position at which an
 *   order must leave so it arrives before the buffer is spent.
 * Intermittent demand keeps its occurrence × size shape (see forecast/demand-distribution.ts).
 * A known lead-time spread σ_L widens the deviation as the textbook combination does,
 * √(dev² + (z·rate·σ_L)²), keeping the distribution's own skew in dev.
 */
import { formatUnits } from "../forecast/explain";
import { type DemandDistribution, intervalDemand } from "../forecast/demand-distribution";
import { normalQuantile } from "../forecast/stats";

export interface StockPolicyInput {
  distribution: DemandDistribution;
  leadTimeDays: number;
  /** Spread of the lead time in days, when known. */
  leadTimeSdDays?: number | null;
  /** Days between orders (the review period); weekly = 7. */
  reviewDays: number;
  /** Cycle service target, e.g. 0.95. */
  serviceLevel: number;
  /** Days of forecast week 0 already behind the plan date. */
  startOffsetDays?: number;
  /** Label for the reason, e.g. "B class". */
  classLabel?: string;
}

export interface StockPolicy {
  serviceLevel: number;
  leadTimeDays: number;
  reviewDays: number;
  /** Mean units over the lead time. */
  leadTimeDemand: number;
  /** Mean units over lead time + review period. */
  protectionDemand: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  method: string;
  reason: string;
}

const METHOD_LABEL: Record<DemandDistribution["family"], string> = {
  normal: "normal",
  negative_binomial: "negative binomial",
  occurrence_size: "occurrence×size",
};

/** "6-week", "2.5-week": a span of days as the adjective the reason reads. */
function weeksLabel(days: number): string {
  return `${Math.round((days / 7) * 10) / 10}-week`;
}

export function computeStockPolicy(input: StockPolicyInput): StockPolicy {
  const level = Math.min(0.999, Math.max(0.5, input.serviceLevel));
  const leadTimeDays = Math.max(0, input.leadTimeDays);
  const reviewDays = Math.max(0, input.reviewDays);
  const startWeek = Math.max(0, (input.startOffsetDays ?? 0) / 7);
  const lead = intervalDemand(input.distribution, { startWeek, weeks: leadTimeDays / 7 }, [0.5]);
  const protection = intervalDemand(input.distribution, { startWeek, weeks: (leadTimeDays + reviewDays) / 7 }, [level]);
  const quantile = protection.quantiles[0] ?? protection.mean;

  let deviation = Math.max(0, quantile - protection.mean);
  const sdDays = input.leadTimeSdDays ?? 0;
  if (sdDays > 0 && leadTimeDays + reviewDays > 0) {
    const dailyRate = protection.mean / (leadTimeDays + reviewDays);
    const z = normalQuantile(level);
    deviation = Math.sqrt(deviation * deviation + (z * dailyRate * sdDays) ** 2);
  }
  const safetyStock = deviation;
  // The epsilon keeps float noise (30.0000001) from adding a unit; max(0) keeps −0 out of reasons.
  const orderUpTo = Math.max(0, Math.ceil(protection.mean + safetyStock - 1e-9));
  const reorderPoint = Math.max(0, Math.min(orderUpTo, Math.ceil(lead.mean + safetyStock - 1e-9)));

  const service = `${Math.round(level * 1000) / 10}% service${input.classLabel ? ` (${input.classLabel})` : ""}`;
  const span = `${weeksLabel(leadTimeDays)} lead time + ${weeksLabel(reviewDays)} review`;
  const spread = sdDays > 0 ? `, lead time varying by ±${formatUnits(sdDays)} days` : "";
  const reason =
    protection.mean <= 0
      ? `${service}: no demand is forecast over the ${span}, so no stock is held for it.`
      : `${service}: ${span}${spread}; about ${formatUnits(protection.mean)} units sell in that time and ${formatUnits(orderUpTo)} covers ${Math.round(level * 100)}% of outcomes, so safety stock ${formatUnits(safetyStock)}, reorder at ${formatUnits(reorderPoint)}, order up to ${formatUnits(orderUpTo)}.`;

  return {
    serviceLevel: level,
    leadTimeDays,
    reviewDays,
    leadTimeDemand: lead.mean,
    protectionDemand: protection.mean,
    safetyStock,
    reorderPoint,
    orderUpTo,
    method: METHOD_LABEL[input.distribution.family],
    reason,
  };
}
