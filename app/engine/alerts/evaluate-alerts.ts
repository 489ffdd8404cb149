/**
 * The conditions an operations lead wants to hear about, for one variant at one location, from
 * its plan: stockout risk before the next delivery, below reorder point, overstock and dead
 * stock. A variant-location raises at most one alert, its most severe (an operations lead reads
 * one line per item, not four): stockout risk supersedes below-reorder-point, dead stock
 * supersedes overstock, and a reorder line the plan proposes already says "reorder", so
 * below-reorder-point stays quiet beside it. Opening, refreshing and resolving alerts over time
 * is the caller's (it keeps state).
 */
import { formatUnits } from "~/engine/forecast/explain";
import { addDays, daysBetween } from "~/engine/calendar";
import { formatDay, formatWeeks } from "~/engine/wording";

import { ALERT_KIND_TABLE, type AlertKind, type AlertSeverity } from "./kinds";

export type { AlertKind, AlertSeverity };

export interface AlertThresholds {
  /** Weeks of supply above which stock is overstock. */
  overstockWeeks: number;
  /** Days without a sale, with stock on hand, that make dead stock. */
  deadStockDays: number;
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = { overstockWeeks: 26, deadStockDays: 90 };

export interface AlertInput {
  asOf: string;
  available: number;
  onHand: number;
  onOrder: number;
  unitCost: number | null;
  unitPrice: number | null;
  reorderPoint: number;
  leadTimeDays: number;
  reviewDays: number;
  weeklyRate: number;
  weeksOfSupply: number | null;
  stockoutDate: string | null;
  orderByDate: string | null;
  nextInbound: { date: string; units: number; label: string } | null;
  /** Mean-path units the projection leaves unserved over the horizon. */
  unitsShort: number;
  /** The same over the lead time plus review period: what is lost unless an order lands in time. */
  unitsShortWithinProtection: number;
  /** Stock beyond `overstockWeeks` of forecast demand. */
  unitsBeyondOverstockWeeks: number;
  lastSaleDate: string | null;
  /** When the variant was first available to sell (its creation), so new items are not dead stock. */
  sellingSince: string | null;
  horizonWeeks: number;
  thresholds: AlertThresholds;
  /** Formats money for the reason; the UI formats figures in the shop's locale itself. */
  formatMoney?: (amount: number) => string;
  /** The plan proposes a reorder line for this variant-location. */
  reorderProposed?: boolean;
}

export interface AlertCandidate {
  kind: AlertKind;
  severity: AlertSeverity;
  reason: string;
  facts: Record<string, number | string | null>;
  /** Revenue at risk (stockout) or value at cost tied up (overstock, dead stock); null when unknown. */
  valueAtRisk: number | null;
}

/** Stockout risk is raised once the last day to order is this close (or the stockout is within a week). */
export const ACT_WITHIN_DAYS = 14;

const plainMoney = (amount: number): string => Math.round(amount).toLocaleString("en-US");

function stockoutRisk(input: AlertInput, money: (amount: number) => string): AlertCandidate | null {
  const { stockoutDate, nextInbound } = input;
  if (stockoutDate === null) return null;
  if (nextInbound !== null && nextInbound.date <= stockoutDate) return null;
  const daysToStockout = daysBetween(input.asOf, stockoutDate);
  const orderByPassed = input.orderByDate !== null && input.orderByDate <= input.asOf;
  const daysToOrderBy = input.orderByDate === null ? Infinity : daysBetween(input.asOf, input.orderByDate);
  // A stockout months away is the normal cycle: the reorder line comes in time. Alert when acting is due.
  if (daysToStockout > 7 && daysToOrderBy > ACT_WITHIN_DAYS) return null;
  const severity = ALERT_KIND_TABLE.STOCKOUT_RISK.severity({ daysToStockout, orderByPassed });
  const revenue = input.unitPrice !== null ? input.unitsShortWithinProtection * input.unitPrice : null;
  const when = daysToStockout <= 0 ? "Out of stock now" : `Runs out on ${formatDay(stockoutDate, input.asOf)}`;
  const before = nextInbound ? `, before the next delivery (${nextInbound.label}, ${formatDay(nextInbound.date, input.asOf)})` : ", with nothing on order";
  const protectionWeeks = Math.round(((input.leadTimeDays + input.reviewDays) / 7) * 10) / 10;
  const lost = input.unitsShortWithinProtection > 0 ? `: ~${formatUnits(input.unitsShortWithinProtection)} units${revenue !== null ? ` (${money(revenue)})` : ""} of demand unmet in the next ${protectionWeeks} weeks` : "";
  const action = orderByPassed
    ? `An order placed today arrives ${formatDay(addDays(input.asOf, Math.round(input.leadTimeDays)), input.asOf)}.`
    : input.orderByDate !== null
      ? `Order by ${formatDay(input.orderByDate, input.asOf)}.`
      : "";
  return {
    kind: "STOCKOUT_RISK",
    severity,
    reason: `${when}${before}${lost}. ${action}`.trim(),
    facts: {
      stockoutDate,
      orderByDate: input.orderByDate,
      daysToStockout,
      nextInboundDate: nextInbound?.date ?? null,
      unitsShort: Math.round(input.unitsShortWithinProtection),
      weeklyRate: input.weeklyRate,
      available: input.available,
    },
    valueAtRisk: revenue,
  };
}

function belowReorderPoint(input: AlertInput): AlertCandidate | null {
  const position = input.available + input.onOrder;
  if (position > input.reorderPoint || input.weeklyRate <= 0) return null;
  return {
    kind: "BELOW_REORDER_POINT",
    severity: ALERT_KIND_TABLE.BELOW_REORDER_POINT.severity({ onOrder: input.onOrder }),
    reason: `${formatUnits(input.available)} available${input.onOrder > 0 ? ` and ${formatUnits(input.onOrder)} on order` : ""} is at or below the reorder point of ${formatUnits(input.reorderPoint)}: time to reorder to keep the safety stock.`,
    facts: { available: input.available, onOrder: input.onOrder, reorderPoint: input.reorderPoint },
    valueAtRisk: null,
  };
}

function deadStock(input: AlertInput, money: (amount: number) => string): AlertCandidate | null {
  if (input.onHand <= 0) return null;
  const since = input.lastSaleDate ?? input.sellingSince;
  if (since === null) return null;
  const idleDays = daysBetween(since, input.asOf);
  if (idleDays < input.thresholds.deadStockDays) return null;
  const value = input.unitCost !== null ? input.onHand * input.unitCost : null;
  return {
    kind: "DEAD_STOCK",
    severity: ALERT_KIND_TABLE.DEAD_STOCK.severity({ idleDays, deadStockDays: input.thresholds.deadStockDays }),
    reason: `${input.lastSaleDate ? `No sale in ${idleDays} days (last on ${formatDay(input.lastSaleDate, input.asOf)})` : `Never sold in ${idleDays} days on sale`} with ${formatUnits(input.onHand)} on hand${value !== null ? `, ${money(value)} at cost` : ""}.`,
    facts: { lastSaleDate: input.lastSaleDate, idleDays, onHand: input.onHand },
    valueAtRisk: value,
  };
}

function overstock(input: AlertInput, money: (amount: number) => string): AlertCandidate | null {
  const weeks = input.weeksOfSupply;
  const limit = input.thresholds.overstockWeeks;
  if (input.available <= 0 || input.unitsBeyondOverstockWeeks <= 0) return null;
  if (weeks !== null && weeks <= limit) return null;
  const value = input.unitCost !== null ? input.unitsBeyondOverstockWeeks * input.unitCost : null;
  const cover = weeks === null ? "with no demand forecast" : `lasts ${formatWeeks(weeks)}`;
  return {
    kind: "OVERSTOCK",
    severity: ALERT_KIND_TABLE.OVERSTOCK.severity({ weeksOfSupply: weeks, limitWeeks: limit }),
    reason: `${formatUnits(input.available)} available ${cover}, over the ${limit}-week limit: ~${formatUnits(input.unitsBeyondOverstockWeeks)} units${value !== null ? ` (${money(value)} at cost)` : ""} beyond it.`,
    facts: { weeksOfSupply: weeks, limitWeeks: limit, excessUnits: Math.round(input.unitsBeyondOverstockWeeks), available: input.available },
    valueAtRisk: value,
  };
}

const SEVERITY_RANK: Record<AlertSeverity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

/** The most severe of a pair's candidates; on a tie the most money at risk, then the kind listed first. */
export function mostSevere(candidates: readonly AlertCandidate[]): AlertCandidate | null {
  return candidates.reduce<AlertCandidate | null>((best, c) => {
    if (!best) return c;
    const bySeverity = SEVERITY_RANK[c.severity] - SEVERITY_RANK[best.severity];
    if (bySeverity !== 0) return bySeverity < 0 ? c : best;
    return (c.valueAtRisk ?? 0) > (best.valueAtRisk ?? 0) ? c : best;
  }, null);
}

/** At most one alert: see the header. */
export function evaluateAlerts(input: AlertInput): AlertCandidate[] {
  const money = input.formatMoney ?? plainMoney;
  const stock = stockoutRisk(input, money) ?? (input.reorderProposed ? null : belowReorderPoint(input));
  const idle = deadStock(input, money) ?? overstock(input, money);
  const chosen = mostSevere([stock, idle].filter((c): c is AlertCandidate => c !== null));
  return chosen ? [chosen] : [];
}
