/**
 * The plan's safety stock checked on the shop's own last 13 weeks (engine/policy/history-replay):
 * the outlook's latest backtests replayed with each pair's own lead time, review period and
 * service target. Where a class missed its target, its lead-time map is corrected (see
 * withServiceCorrection) and the forecasts of that class are read through the corrected map, so
 * this run's reorder points already carry the correction, and their reasons say so.
 */
import type { HistoryBacktest } from "~/engine/forecast/outlook-calibration";
import type { DemandDistribution } from "~/engine/forecast/demand-distribution";
import { intervalDistribution } from "~/engine/forecast/demand-distribution";
import { pitShare } from "~/engine/forecast/recalibration";
import { calibrationFor, recalibrated, withServiceCorrection, type ShopCalibration } from "~/engine/forecast/shop-calibration";
import { correctionFor, replayHistory, type ReplayCase, type ServiceReplay } from "~/engine/policy/history-replay";
import { pairTerms, type PlanContext } from "./compute-plans";
import { pairKey, type PlanPair } from "./plan-pairs";
import type { CompactOutlook } from "./forecast-task";

export interface VariantBacktestError {
  variantId: string;
  /** units that sold over the weeks replayed */
  actual: number;
  /** Σ |actual − forecast| and Σ (forecast − actual) over those weeks */
  absoluteError: number;
  error: number;
}

/** How the forecasts made at the replay's origin did on the weeks that followed. */
export interface BacktestAccuracy {
  weeks: number;
  /**
   * Weeks inside the model's own P10–P90, and inside the band as calibrated on earlier origins
   * only. A week whose sales sit on a step of a count forecast (0 units, say, where P10 is 0)
   * counts the share of that step inside the band (the non-randomised PIT), not all or nothing.
   */
  insideModelBand: number;
  insideCalibratedBand: number;
  variants: VariantBacktestError[];
}

export interface ServiceCheck {
  calibration: ShopCalibration | null;
  replays: ServiceReplay[];
  accuracy: BacktestAccuracy;
}

export function backtestAccuracy(backtests: readonly HistoryBacktest[]): BacktestAccuracy {
  const accuracy: BacktestAccuracy = { weeks: 0, insideModelBand: 0, insideCalibratedBand: 0, variants: [] };
  for (const b of backtests) {
    const model: DemandDistribution = { ...b.distribution };
    delete model.recalibration;
    const row: VariantBacktestError = { variantId: b.variantId, actual: 0, absoluteError: 0, error: 0 };
    b.actual.forEach((y, w) => {
      const inside = (distribution: DemandDistribution): number => {
        const week = intervalDistribution(distribution, { startWeek: w, weeks: 1 });
        const below = week.cdfBelow(y);
        const atOrBelow = week.cdf(y);
        return pitShare(0.9, below, atOrBelow) - pitShare(0.1, below, atOrBelow);
      };
      accuracy.weeks++;
      const modelShare = inside(model);
      accuracy.insideModelBand += modelShare;
      accuracy.insideCalibratedBand += b.distribution.recalibration ? inside(b.distribution) : modelShare;
      const forecast = b.distribution.mean[w] ?? 0;
      row.actual += y;
      row.absoluteError += Math.abs(y - forecast);
      row.error += forecast - y;
    });
    accuracy.variants.push(row);
  }
  return accuracy;
}

export function checkServiceOnHistory(backtests: readonly HistoryBacktest[], pairs: readonly PlanPair[], context: PlanContext, calibration: ShopCalibration | null): ServiceCheck {
  const byKey = new Map(pairs.map((p) => [p.key, p]));
  const cases: ReplayCase[] = [];
  for (const b of backtests) {
    const pair = byKey.get(pairKey(b.variantId, b.locationId ?? "0"));
    if (!pair) continue;
    const { terms, serviceLevel } = pairTerms(pair, context);
    cases.push({ key: b.key, distribution: b.distribution, history: b.history, actual: b.actual, leadTimeDays: terms.leadTimeDays, reviewDays: terms.reviewDays, serviceLevel });
  }
  const replays = replayHistory(cases);
  const accuracy = backtestAccuracy(backtests);
  if (!calibration) return { calibration, replays, accuracy };
  const classes = calibration.classes.map((c) => withServiceCorrection(c, correctionFor(replays, c.key)));
  return { calibration: { ...calibration, classes }, replays, accuracy };
}

/** Outlooks re-read through the corrected calibration (new variants' analogs were never calibrated). */
export function withCorrectedCalibration(outlooks: CompactOutlook[], check: ServiceCheck): CompactOutlook[] {
  const calibration = check.calibration;
  if (!calibration || check.replays.every((r) => r.correction === 0)) return outlooks;
  return outlooks.map((o) => {
    if (!o.distribution.recalibration) return o;
    const used = calibrationFor(calibration, o.source, o.demandClass);
    return used ? { ...o, distribution: recalibrated(o.distribution, used) } : o;
  });
}

const percent = (share: number): string => `${(100 * share).toFixed(1)}%`;

/** The sentence a corrected stock plan adds to its reason; null where no correction applied. */
export function serviceCorrectionReason(check: ServiceCheck, outlook: Pick<CompactOutlook, "source" | "demandClass">): string | null {
  const key = `${outlook.source}:${outlook.demandClass ?? "unclassified"}`;
  if (correctionFor(check.replays, key) === 0) return null;
  const replay = [key, outlook.source, "all"].map((k) => check.replays.find((r) => r.key === k && r.correction !== 0)).find(Boolean);
  if (!replay) return null;
  const direction = replay.correction > 0 ? "higher" : "lower";
  return `Replaying this shop's last ${replay.plan.cycles} order cycles, the policy reached ${percent(replay.plan.cycleService)} cycle service against ${percent(replay.target)}, so lead-time demand is read ${direction}.`;
}
