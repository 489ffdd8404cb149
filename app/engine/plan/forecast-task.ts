/**
 * The forecasting step of a plan run as a self-contained task: one location's variants in,
 * the compact outlook each stock plan needs out (no history arrays, which stay in the
 * database). Plain data both ways, so a worker thread can run it.
 */
import { buildDemandOutlook, type DemandDistribution, type VariantDemandInput, type VariantOutlook } from "~/engine/forecast";
import type { PromoEvent } from "~/engine/forecast/uplift";
import type { ShopCalibration } from "~/engine/forecast/shop-calibration";
import type { HistoryBacktest } from "~/engine/forecast/outlook-calibration";
import type { ForecastRow } from "./outputs";

export interface ForecastTask {
  inputs: VariantDemandInput[];
  asOf: string;
  horizonWeeks: number;
  dataStart?: string;
  /** The calibration to forecast with; absent, the task learns its own from these inputs. */
  shopCalibration?: ShopCalibration | null;
  /** false: learn none (the model's own intervals); the bench's "without calibration" run */
  learnCalibration?: boolean;
}

export interface CompactOutlook {
  variantId: string;
  locationId: string;
  /** The variant's group for seasonal profiles and uplift (product type, else product). */
  groupKey: string;
  weekStarts: string[];
  mean: number[];
  p10: number[];
  p50: number[];
  p90: number[];
  promoUnits: number[];
  weekdayIndex: number[];
  distribution: DemandDistribution;
  source: string;
  model: string;
  modelLabel: string;
  demandClass: string | null;
  reason: string;
  /** The last complete weeks as sold and as cleaned demand: the board's fill-rate history. */
  recent: { weekStarts: string[]; sold: number[]; demand: number[] };
  explanation: {
    reasons: string[];
    modelName: string;
    runnerUp: { model: string; modelName: string; score: number } | null;
    chosenScore: number | null;
    routeReason: string;
    cleaning: Record<string, number | boolean>;
  };
}

/**
 * The last weeks as sold and as demand: cleaned demand above what sold is demand a stockout
 * lost; below it is promotion lift, which did sell.
 */
function recentSales(history: { weekStarts: string[]; raw: number[]; baseline: number[] }): CompactOutlook["recent"] {
  const sold = history.raw.slice(-RECENT_WEEKS);
  const baseline = history.baseline.slice(-RECENT_WEEKS);
  return { weekStarts: history.weekStarts.slice(-RECENT_WEEKS), sold, demand: sold.map((units, i) => Math.max(units, baseline[i] ?? units)) };
}

/** Weeks of recent sales each outlook carries back for the board's trends. */
export const RECENT_WEEKS = 13;

export function runForecastTask(task: ForecastTask): CompactOutlook[] {
  return forecastWithEvents(task).outlooks;
}

/**
 * The outlooks, the past promotion events their histories hold (for the shop's uplift model) and
 * the interval calibration they were read through (learned here unless the task brought one).
 */
export interface TaskForecasts {
  outlooks: CompactOutlook[];
  promoEvents: PromoEvent[];
  calibration: ShopCalibration | null;
  backtests: HistoryBacktest[];
  /** CPU seconds the calibration backtests took (0 when none were run) */
  calibrationSeconds: number;
}

export function forecastWithEvents(task: ForecastTask): TaskForecasts {
  let promoEvents: PromoEvent[] = [];
  let calibration: ShopCalibration | null = task.shopCalibration ?? null;
  let backtests: HistoryBacktest[] = [];
  let calibrationSeconds = 0;
  const outlooks = buildDemandOutlook(task.inputs, {
    asOf: task.asOf,
    horizonWeeks: task.horizonWeeks,
    ...(task.dataStart ? { dataStart: task.dataStart } : {}),
    ...(task.shopCalibration !== undefined ? { shopCalibration: task.shopCalibration } : {}),
    ...(task.learnCalibration === false ? { learnCalibration: false } : {}),
    onPromoEvents: (events) => (promoEvents = events),
    onCalibration: (learned, learning) => {
      calibration = learned;
      calibrationSeconds = learning?.seconds ?? 0;
    },
    onBacktests: (latest) => (backtests = latest),
  });
  return { outlooks: outlooks.map(compact), promoEvents, calibration, backtests, calibrationSeconds };
}

function compact(o: VariantOutlook): CompactOutlook {
  return {
    variantId: o.variantId,
    locationId: o.locationId ?? "0",
    groupKey: o.groupKey,
    weekStarts: o.weekStarts,
    mean: o.mean,
    p10: o.p10,
    p50: o.p50,
    p90: o.p90,
    promoUnits: o.promotions.extraUnits,
    weekdayIndex: o.weekdayIndex,
    distribution: o.distribution,
    source: o.source,
    model: o.model,
    modelLabel: o.modelLabel,
    demandClass: o.demandClass,
    reason: o.explanation.sentence,
    recent: recentSales(o.history),
    explanation: {
      reasons: o.explanation.reasons,
      modelName: o.explanation.modelName,
      runnerUp: o.explanation.runnerUp,
      chosenScore: o.explanation.chosenScore,
      routeReason: o.routeReason,
      cleaning: { ...o.cleaning },
    },
  };
}

/** The stored shape of an outlook. */
export function forecastRowOf(o: CompactOutlook): ForecastRow {
  return {
    variantId: o.variantId,
    locationId: o.locationId,
    firstWeek: o.weekStarts[0] ?? "",
    mean: o.mean,
    p10: o.p10,
    p50: o.p50,
    p90: o.p90,
    promoUnits: o.promoUnits,
    weekdayIndex: o.weekdayIndex,
    source: o.source,
    model: o.model,
    modelLabel: o.modelLabel,
    demandClass: o.demandClass,
    reason: o.reason,
    explanation: o.explanation,
    distribution: o.distribution,
  };
}
