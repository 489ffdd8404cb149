/**
 * The generated brand as an accuracy set: two years of a shop's orders, forecast the way the app
 * forecasts (daily net sales per variant and location, stockout intervals, buildDemandOutlook with
 * its cleaning), scored on the following weeks against the demand the generator knows before
 * stockouts censored it, net of returns and cancellations as the app counts demand: units sold
 * net of their refunds, plus the units stockouts lost thinned by the product type's return and
 * cancellation rates (a seeded binomial draw, so outcomes stay whole units). Weeks a promotion or
 * its pull-forward dip touches are left out (the
 * outlook forecasts the baseline; promotions are planned on top), as are products not active at
 * the end and variants created after the forecast date (the app would not plan them).
 */
import { autoForecastWith, type AutoForecastSettings } from "../../../app/engine/forecast/auto";
import { buildDemandOutlook, type VariantDemandInput, type VariantOutlook } from "../../../app/engine/forecast/index";
import type { DailyDemandRow } from "../../../app/engine/forecast/weekly";
import { mase, rmsse, smape, bias } from "../../../app/engine/forecast/metrics";
import { naive2 } from "../../../app/engine/forecast/naive";
import { CANCEL_PROBABILITY, PRODUCT_TYPES } from "../../simulator/seed/brand-profile";
import { seededRandom } from "../../support/random";
import { generateBrand } from "../../simulator/seed/brand-generator";
import type { ShopData } from "../../simulator/store/types";
import type { ShopCalibration } from "../../../app/engine/forecast/shop-calibration";
import { tallyCalibration } from "./calibration";
import type { SeriesEvaluation } from "./evaluate";

export interface BrandSetOptions {
  seed: number;
  variants: number;
  horizon: number;
  /** Stockout intervals the app knows: "truth" (recorded as they happened) or "none". */
  stockouts: "truth" | "none";
  limit?: number;
  settings?: AutoForecastSettings;
  /** Learn the interval calibration from the brand's own history (default on), as a plan run does. */
  learnCalibration?: boolean;
}

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 730;
const DIP_DAYS = 14;

function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Net units per day as the app stores them: refunds known by asOf are netted, discounted lines flagged. */
function dailyRowsByCell(data: ShopData, asOf: string): Map<string, Map<string, DailyDemandRow>> {
  const cells = new Map<string, Map<string, DailyDemandRow>>();
  for (const order of data.orders) {
    const date = dayOf(order.processedAt);
    if (date >= asOf || order.locationId === null) continue;
    const refunded = new Map<string, number>();
    for (const refund of order.refunds) {
      if (dayOf(refund.createdAt) >= asOf) continue;
      for (const line of refund.refundLineItems) refunded.set(line.lineItemId, (refunded.get(line.lineItemId) ?? 0) + line.quantity);
    }
    for (const line of order.lineItems) {
      if (line.variantId === null) continue;
      const units = line.quantity - (refunded.get(line.id) ?? 0);
      const key = `${line.variantId}@${order.locationId}`;
      const days = cells.get(key) ?? new Map<string, DailyDemandRow>();
      const row = days.get(date) ?? { date, units: 0, discountedUnits: 0, revenue: 0 };
      row.units += units;
      if (line.discountAllocations.length > 0) row.discountedUnits += units;
      row.revenue += units * Number(line.originalUnitPrice);
      days.set(date, row);
      cells.set(key, days);
    }
  }
  return cells;
}

/** Units sold per cell and test week: as ordered, and net of every refund the order got. */
function soldByCellWeek(data: ShopData, testWeeks: readonly string[]): Map<string, { gross: number[]; net: number[] }> {
  const first = Date.parse(`${testWeeks[0]}T00:00:00Z`);
  const result = new Map<string, { gross: number[]; net: number[] }>();
  for (const order of data.orders) {
    const week = Math.floor((Date.parse(order.processedAt) - first) / (7 * DAY_MS));
    if (week < 0 || week >= testWeeks.length || order.locationId === null) continue;
    const refunded = new Map<string, number>();
    for (const refund of order.refunds) for (const line of refund.refundLineItems) refunded.set(line.lineItemId, (refunded.get(line.lineItemId) ?? 0) + line.quantity);
    for (const line of order.lineItems) {
      if (line.variantId === null) continue;
      const key = `${line.variantId}@${order.locationId}`;
      const cell = result.get(key) ?? { gross: new Array<number>(testWeeks.length).fill(0), net: new Array<number>(testWeeks.length).fill(0) };
      cell.gross[week]! += line.quantity;
      cell.net[week]! += line.quantity - (refunded.get(line.id) ?? 0);
      result.set(key, cell);
    }
  }
  return result;
}

export interface BrandForecast {
  outlook: VariantOutlook;
  /** uncensored weekly demand over the forecast weeks */
  actual: number[];
  /** false for weeks a promotion or its dip touches */
  scored: boolean[];
}

/** The brand's outlooks at the forecast date, each with the true demand that followed. */
export function brandForecasts(options: BrandSetOptions): { forecasts: BrandForecast[]; secondsPerSeries: number; calibration: ShopCalibration | null } {
  const horizon = options.horizon;
  const data = generateBrand({ seed: options.seed, variants: options.variants, historyDays: HISTORY_DAYS + 7 * (horizon + 1), trueDemand: true });
  const truth = data.truth.weeklyDemand!;
  // Forecast from the Monday that leaves `horizon` complete weeks of truth after it.
  const firstTestWeek = truth.weekStarts.length - horizon;
  const asOf = truth.weekStarts[firstTestWeek]!;
  const testWeeks = truth.weekStarts.slice(firstTestWeek);
  const dataStart = addDays(asOf, -HISTORY_DAYS);

  const products = new Map(data.products.map((p) => [p.id, p]));
  const soldInTest = soldByCellWeek(data, testWeeks);
  const thinning = seededRandom(options.seed);
  const variants = new Map(data.variants.map((v) => [v.id, v]));
  const rows = dailyRowsByCell(data, asOf);
  // Promotion weeks (and the dip after) per product, in test-week indices.
  const promoWeeks = new Map<string, Set<number>>();
  for (const promotion of data.truth.promotions) {
    const from = dayOf(promotion.startsAt);
    const to = addDays(dayOf(promotion.endsAt), DIP_DAYS);
    testWeeks.forEach((week, w) => {
      if (week > to || addDays(week, 6) < from) return;
      for (const product of promotion.productIds) {
        const set = promoWeeks.get(product) ?? new Set<number>();
        set.add(w);
        promoWeeks.set(product, set);
      }
    });
  }

  const inputs: VariantDemandInput[] = [];
  const actualByCell = new Map<string, number[]>();
  for (const cell of truth.cells) {
    const variant = variants.get(cell.variantId);
    const product = variant ? products.get(variant.productId) : undefined;
    if (!variant || !product || product.status !== "ACTIVE" || dayOf(variant.createdAt) >= asOf) continue;
    const key = `${cell.variantId}@${cell.locationId}`;
    const stockouts =
      options.stockouts === "truth"
        ? data.truth.stockouts
            .filter((s) => s.variantId === cell.variantId && s.locationId === cell.locationId && dayOf(s.from) < asOf)
            .map((s) => ({ from: dayOf(s.from), to: dayOf(s.to) >= asOf ? null : addDays(dayOf(s.to), -1) }))
        : [];
    inputs.push({
      variantId: key,
      productId: product.id,
      productType: product.productType,
      vendor: product.vendor,
      locationId: cell.locationId,
      createdAt: variant.createdAt,
      price: Number(variant.price),
      daily: [...(rows.get(key)?.values() ?? [])],
      stockouts,
    });
    const kept = 1 - CANCEL_PROBABILITY - (PRODUCT_TYPES.find((t) => t.name === product.productType)?.returnRate ?? 0);
    const sold = soldInTest.get(key);
    actualByCell.set(
      key,
      cell.units.slice(firstTestWeek).map((wanted, w) => {
        const gross = sold?.gross[w] ?? 0;
        let lostKept = 0;
        for (let unit = gross; unit < wanted; unit++) lostKept += thinning() < kept ? 1 : 0;
        return (sold?.net[w] ?? 0) + lostKept;
      }),
    );
    if (options.limit !== undefined && inputs.length >= options.limit) break;
  }

  const started = performance.now();
  const settings = options.settings;
  let calibration: ShopCalibration | null = null;
  const outlooks = buildDemandOutlook(inputs, {
    asOf,
    horizonWeeks: horizon,
    dataStart,
    learnCalibration: options.learnCalibration ?? true,
    onCalibration: (learned) => (calibration = learned),
    ...(settings ? { forecaster: (y, o) => autoForecastWith(y, o, settings), calibration: settings.calibration } : {}),
  });
  const secondsPerSeries = (performance.now() - started) / 1000 / Math.max(1, outlooks.length);
  const forecasts = outlooks.map((outlook): BrandForecast => {
    const actual = actualByCell.get(outlook.variantId)!;
    const promo = promoWeeks.get(outlook.productId) ?? new Set<number>();
    return { outlook, actual, scored: actual.map((_, w) => !promo.has(w)) };
  });
  return { forecasts, secondsPerSeries, calibration };
}

export function evaluateBrand(options: BrandSetOptions): { evaluations: SeriesEvaluation[]; calibration: ShopCalibration | null } {
  const horizon = options.horizon;
  const { forecasts, secondsPerSeries: seconds, calibration } = brandForecasts(options);
  const evaluations = forecasts.map(({ outlook, actual, scored }): SeriesEvaluation => {
    const train = outlook.history.baseline.length >= 2 ? outlook.history.baseline : [0, 0];
    const keep = <T>(values: readonly T[]): T[] => values.filter((_, w) => scored[w]);
    const pointScores = (forecast: readonly number[]) => ({
      smape: smape(keep(actual), keep(forecast)),
      mase: mase(keep(actual), keep(forecast), train, 1),
      rmsse: rmsse(keep(actual), keep(forecast), train),
      bias: bias(keep(actual), keep(forecast)),
    });
    return {
      id: outlook.variantId,
      model: `${outlook.source}:${outlook.model}`,
      scores: { auto: pointScores(outlook.mean), auto_p50: pointScores(outlook.p50), naive2: pointScores(naive2(train, horizon, 52).mean) },
      quantiles: { auto: outlook.quantiles },
      actual,
      seconds,
      calibration: tallyCalibration(outlook.distribution, actual, scored),
    };
  });
  return { evaluations, calibration };
}
