/**
 * The outlook's calibration backtests: the shop's variants forecast as of 13 and 26 weeks before
 * the plan date, by the same routes and with the group profiles their histories gave at that date,
 * then scored on the weeks that followed (weeks mostly out of stock left out: their demand is an
 * estimate). A sample of at most `CALIBRATION_SERIES` variants keeps the cost bounded.
 */
import { routeForecast } from "./outlook-routes";
import type { PreparedVariant } from "./outlook-history";
import type { OutlookSettings } from "./outlook-settings";
import type { DemandDistribution } from "./demand-distribution";
import { calibrationFor, fitShopCalibration, recalibrated, sampleBacktest, type CalibrationSample, type ShopCalibration } from "./shop-calibration";
import { buildGroupProfile, FLAT_PROFILE } from "./top-down";
import { fromDayNumber, toDayNumber, weekStartsFrom } from "./weekly";

export const CALIBRATION_WEEKS = 13;
/** Origins in multiples of CALIBRATION_WEEKS before the plan date: the last two quarters. */
export const CALIBRATION_ORIGINS = [1, 2];
export const CALIBRATION_SERIES = 400;

/** Every k-th variant, so the sample spreads over the catalogue the way the input is ordered. */
function spreadSample<T>(items: readonly T[], size: number): T[] {
  if (items.length <= size) return [...items];
  const step = items.length / size;
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * step)]!);
}

function truncated(p: PreparedVariant, weeks: number): PreparedVariant {
  return {
    ...p,
    weekly: { weekStarts: p.weekly.weekStarts.slice(0, weeks), values: p.weekly.values.slice(0, weeks) },
    rawWeekly: p.rawWeekly.slice(0, weeks),
    inStockWeeks: Math.min(p.inStockWeeks, weeks),
  };
}

/** Complete weeks mostly out of stock, aligned with `weekly`. */
function mostlyOutWeeks(p: PreparedVariant): boolean[] {
  return p.cleaned.weekly.flags.filter((f) => !f.partial).map((f) => f.mostlyOut);
}

/**
 * A variant's forecast as of the latest origin, read through the calibration learned from the
 * earlier origins only (what a plan then could have known), with the weeks before and after it:
 * the policy replay's input.
 */
export interface HistoryBacktest {
  variantId: string;
  locationId: string | undefined;
  key: string;
  distribution: DemandDistribution;
  history: number[];
  actual: number[];
}

export interface LearnedOutlookCalibration {
  calibration: ShopCalibration | null;
  backtests: HistoryBacktest[];
}

export function learnOutlookCalibration(prepared: readonly PreparedVariant[], settings: OutlookSettings): LearnedOutlookCalibration {
  const horizon = Math.min(settings.horizon, CALIBRATION_WEEKS);
  const firstWeek = settings.futureWeeks[0];
  if (!firstWeek) return { calibration: null, backtests: [] };
  const samples: CalibrationSample[] = [];
  const earlierSamples: CalibrationSample[] = [];
  const latest: (HistoryBacktest & { demandClass: string | null; source: string })[] = [];
  const originsWeeksAgo: number[] = [];
  const sampled = new Set(spreadSample(prepared.filter((p) => p.weekly.values.length >= settings.newVariantWeeks + horizon), CALIBRATION_SERIES));
  for (const k of CALIBRATION_ORIGINS) {
    const weeksAgo = k * horizon;
    const origin = fromDayNumber(toDayNumber(firstWeek) - 7 * weeksAgo);
    const before = (p: PreparedVariant): number => countBefore(p.weekly.weekStarts, origin);
    // Profiles as the group's histories stood at the origin, from every member (not just the sample).
    const byGroup = new Map<string, PreparedVariant[]>();
    for (const p of prepared) {
      const members = byGroup.get(p.groupKey);
      if (members) members.push(p);
      else byGroup.set(p.groupKey, [p]);
    }
    const profiles = new Map([...byGroup].map(([key, members]) => [key, buildGroupProfile(members.map((m) => truncated(m, before(m)).weekly))]));
    const atOrigin: OutlookSettings = { ...settings, horizon, futureWeeks: weekStartsFrom(origin, horizon, settings.weekStartsOn) };
    let used = 0;
    for (const p of sampled) {
      const weeks = before(p);
      const actual = p.weekly.values.slice(weeks, weeks + horizon);
      if (weeks < settings.newVariantWeeks || actual.length < horizon || Math.min(p.inStockWeeks, weeks) < settings.newVariantWeeks) continue;
      const out = mostlyOutWeeks(p).slice(weeks, weeks + horizon);
      const routed = routeForecast(truncated(p, weeks), profiles.get(p.groupKey) ?? FLAT_PROFILE, [], atOrigin);
      if (routed.source === "analog") continue;
      const key = `${routed.source}:${routed.demandClass ?? "unclassified"}`;
      const sample = sampleBacktest(key, routed.distribution, actual, out.map((o) => !o));
      samples.push(sample);
      if (k === CALIBRATION_ORIGINS[0]) {
        latest.push({ variantId: p.input.variantId, locationId: p.input.locationId, key, distribution: routed.distribution, history: p.weekly.values.slice(0, weeks), actual, demandClass: routed.demandClass, source: routed.source });
      } else {
        earlierSamples.push(sample);
      }
      used++;
    }
    if (used > 0) originsWeeksAgo.push(weeksAgo);
  }
  const calibration = fitShopCalibration(samples, { horizonWeeks: horizon, originsWeeksAgo });
  const earlier = fitShopCalibration(earlierSamples, { horizonWeeks: horizon, originsWeeksAgo: originsWeeksAgo.slice(1) });
  const backtests = latest.map(({ demandClass, source, ...backtest }) => {
    const known = earlier ? calibrationFor(earlier, source, demandClass) : null;
    return known ? { ...backtest, distribution: recalibrated(backtest.distribution, known) } : backtest;
  });
  return { calibration, backtests };
}

/** How many of the ascending week starts fall before `date`. */
function countBefore(weekStarts: readonly string[], date: string): number {
  let low = 0;
  let high = weekStarts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (weekStarts[middle]! < date) low = middle + 1;
    else high = middle;
  }
  return low;
}
