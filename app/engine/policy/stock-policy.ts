/**
 * Safety stock, reorder point and order-up-to level from a forecast's predictive distribution,
 * for periodic review: an order placed now arrives after the lead time L, and the next chance to
 * order comes one review period R later, so stock on hand plus on order must cover demand over
 * L + R (the protection period; Silver, Pyke & Thomas, ch. 7). The order-up-to level S is the
 * service-level quantile of protection demand, read from the distribution itself (counts and
 * intermittent demand keep their shape; no normal approximation is imposed), so the cycle service
 * level, the chance that a cycle ends without a stockout, is the target. Safety stock is what S
 * holds above the mean; the reorder point is mean lead-time demand plus that safety stock.
 *
 * An uncertain lead time (sd σ_L days) mixes the protection totals over L ± σ_L (5-point
 * Gauss–Hermite, a normal lead time clipped at 0), which widens them as the textbook
 * σ² = E[L]·σ_d² + E[d]²·σ_L² does, without assuming normality.
 */
import { formatUnits } from "~/engine/forecast/explain";
import { intervalDistribution, type DemandDistribution, type SpanDistribution } from "~/engine/forecast/index";
import type { AbcClass } from "./abc";

export interface StockPolicyInput {
  distribution: DemandDistribution;
  leadTimeDays: number;
  /** sd of the lead time in days; widens the protection */
  leadTimeSdDays?: number | null;
  /** order cycle; weekly = 7 */
  reviewDays: number;
  /** cycle service target, e.g. 0.95 */
  serviceLevel: number;
  /** days of forecast week 0 already elapsed (the plan date inside week 0) */
  startOffsetDays?: number;
  /** only for the reason sentence, e.g. "B" (read as "B class") */
  abcClass?: AbcClass;
  /** only for the reason sentence, any label, e.g. "B class"; abcClass wins when both are given */
  classLabel?: string;
}

export interface StockPolicy {
  serviceLevel: number;
  leadTimeDays: number;
  reviewDays: number;
  /** mean units over the lead time */
  leadTimeDemand: number;
  /** mean units over lead time + review period */
  protectionDemand: number;
  /** units ≥ 0: the service-level quantile of protection demand minus its mean */
  safetyStock: number;
  /** whole units: mean lead-time demand + safety stock */
  reorderPoint: number;
  /** whole units: the service-level quantile of protection demand */
  orderUpTo: number;
  /** the distribution family used, e.g. "occurrence×size", "negative binomial", "normal" */
  method: string;
  reason: string;
}

const FAMILY_NAMES: Record<DemandDistribution["family"], string> = {
  normal: "normal",
  lognormal: "lognormal",
  negative_binomial: "negative binomial",
  occurrence_size: "occurrence×size",
};

// Probabilists' Gauss–Hermite nodes and weights, n = 5.
const HERMITE_NODES = [-2.8569700138728056, -1.3556261799742657, 0, 1.3556261799742657, 2.8569700138728056];
const HERMITE_WEIGHTS = [0.011257411327720691, 0.2220759220056126, 0.5333333333333333, 0.2220759220056126, 0.011257411327720691];
/** A ten-year horizon is what intervalDemand reads; longer protection periods are a data error. */
const MAX_PROTECTION_DAYS = 3640;

function check(input: StockPolicyInput): void {
  const fail = (message: string): never => {
    throw new Error(`computeStockPolicy: ${message}`);
  };
  if (!Number.isFinite(input.leadTimeDays) || input.leadTimeDays < 0) fail(`leadTimeDays must be a number of days ≥ 0, got ${input.leadTimeDays}`);
  if (!Number.isFinite(input.reviewDays) || input.reviewDays < 0) fail(`reviewDays must be a number of days ≥ 0, got ${input.reviewDays}`);
  if (!(input.serviceLevel > 0 && input.serviceLevel < 1)) fail(`serviceLevel must lie strictly between 0 and 1, got ${input.serviceLevel}`);
  const sd = input.leadTimeSdDays ?? 0;
  if (!Number.isFinite(sd) || sd < 0) fail(`leadTimeSdDays must be a number of days ≥ 0, got ${input.leadTimeSdDays}`);
  const offset = input.startOffsetDays ?? 0;
  if (!Number.isFinite(offset) || offset < 0) fail(`startOffsetDays must be a number of days ≥ 0, got ${input.startOffsetDays}`);
  if (input.leadTimeDays + input.reviewDays + 3 * sd > MAX_PROTECTION_DAYS) fail(`lead time + review (${input.leadTimeDays + input.reviewDays} days) is longer than the ten years a forecast can cover`);
}

/** Smallest total on the distribution's grid (or, continuous, within 1e-9) whose mixture CDF reaches `level`. */
function mixtureQuantile(parts: readonly { weight: number; total: SpanDistribution }[], level: number): number {
  if (parts.length === 1) return parts[0]!.total.quantile(level);
  const cdf = (v: number): number => parts.reduce((a, p) => a + p.weight * p.total.cdf(v), 0);
  const bounds = parts.map((p) => p.total.quantile(level));
  const step = parts[0]!.total.step;
  if (step > 0) {
    let low = Math.floor(Math.min(...bounds) / step);
    let high = Math.ceil(Math.max(...bounds) / step);
    if (cdf(low * step) >= level) return low * step;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (cdf(middle * step) >= level) high = middle;
      else low = middle;
    }
    return high * step;
  }
  let low = Math.min(...bounds);
  let high = Math.max(...bounds);
  if (cdf(low) >= level) return low;
  for (let i = 0; i < 80 && high - low > 1e-9 * (1 + Math.abs(high)); i++) {
    const middle = (low + high) / 2;
    if (cdf(middle) >= level) high = middle;
    else low = middle;
  }
  return high;
}

function days(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  if (rounded > 0 && rounded % 7 === 0) return `${rounded / 7}-week`;
  return `${rounded}-day`;
}

function span(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  if (rounded > 0 && rounded % 7 === 0) return rounded === 7 ? "1 week" : `${rounded / 7} weeks`;
  return rounded === 1 ? "1 day" : `${rounded} days`;
}

/** Whole units, never below what the fraction needs (a float a hair above an integer stays it). */
const wholeUnits = (value: number): number => Math.max(0, Math.ceil(value - 1e-9));

export function computeStockPolicy(input: StockPolicyInput): StockPolicy {
  check(input);
  const { distribution, leadTimeDays, reviewDays, serviceLevel } = input;
  const leadTimeSd = input.leadTimeSdDays ?? 0;
  const startWeek = (input.startOffsetDays ?? 0) / 7;
  const leadTimes = leadTimeSd > 0 ? HERMITE_NODES.map((z, i) => ({ days: Math.max(0, leadTimeDays + leadTimeSd * z), weight: HERMITE_WEIGHTS[i]! })) : [{ days: leadTimeDays, weight: 1 }];
  const protection = leadTimes.map(({ days: lead, weight }) => ({ weight, total: intervalDistribution(distribution, { startWeek, weeks: (lead + reviewDays) / 7 }) }));
  const leadTimeDemand = leadTimes.reduce((a, { days: lead, weight }) => a + weight * intervalDistribution(distribution, { startWeek, weeks: lead / 7 }).mean, 0);
  const protectionDemand = protection.reduce((a, p) => a + p.weight * p.total.mean, 0);
  const quantile = mixtureQuantile(protection, serviceLevel);
  const safetyStock = Math.max(0, quantile - protectionDemand);
  const orderUpTo = wholeUnits(quantile);
  const reorderPoint = Math.min(orderUpTo, wholeUnits(leadTimeDemand + safetyStock));

  const service = `${Math.round(serviceLevel * 1000) / 10}%`;
  const period = reviewDays > 0 ? `${days(leadTimeDays)} lead time${leadTimeSd > 0 ? ` (give or take ${Math.round(leadTimeSd * 10) / 10} days)` : ""} + ${days(reviewDays)} review` : `${days(leadTimeDays)} lead time${leadTimeSd > 0 ? ` (give or take ${Math.round(leadTimeSd * 10) / 10} days)` : ""}, reviewed continuously`;
  const label = input.abcClass ? `${input.abcClass} class` : input.classLabel;
  const opening = `${service} service${label ? ` (${label})` : ""}: ${period}`;
  const reason =
    protectionDemand <= 0 && orderUpTo === 0
      ? `${opening}; no demand is forecast over those ${span(leadTimeDays + reviewDays)}, so no safety stock and nothing to reorder.`
      : `${opening}; about ${formatUnits(protectionDemand)} units sell in ${span(leadTimeDays + reviewDays)}, ${orderUpTo} covers ${service} of outcomes, so safety stock ${formatUnits(safetyStock)}, reorder at ${reorderPoint}, order up to ${orderUpTo}.`;
  return {
    serviceLevel,
    leadTimeDays,
    reviewDays,
    leadTimeDemand,
    protectionDemand,
    safetyStock,
    reorderPoint,
    orderUpTo,
    method: `${FAMILY_NAMES[distribution.family]}${leadTimeSd > 0 ? " with uncertain lead time" : ""}`,
    reason,
  };
}
