// Policy benchmark: npx tsx tests/bench/policy/run.ts [--sets carparts,m4-weekly,brand] [--limit N]
//   [--lead 2,4,4] [--review 1] [--levels 0.9,0.95] [--learned-calibration on|off] [--brand-seed 20261101]
// Plans from each series' training part (one forecast, its distribution stored as the app stores
// it), recomputes (s, S) from that distribution at every review as the weeks pass, replays the
// held-back demand (the generated brand's uncensored demand) and prints the achieved cycle service
// and fill rate against the target, the stock held and the stockout periods, beside a plain
// baseline: normal safety stock on a moving average, z·σ·√(L + R) over MA·(L + R), also with z
// tuned after the fact to reach the target (the stock it needs for the same service). Stock is
// shown per series relative to its mean demand (each series counts the same) and in units (large
// series count most).
import { autoForecast, type AutoForecastOptions } from "../../../app/engine/forecast/auto";
import { calibratedResult, fitSeriesCalibration, seriesBacktestSamples } from "../../../app/engine/forecast/series-calibration";
import { intervalDistribution, type DemandDistribution } from "../../../app/engine/forecast/index";
import { normalQuantile } from "../../../app/engine/forecast/stats";
import { computeStockPolicy } from "../../../app/engine/policy/index";
import { brandForecasts } from "../accuracy/brand";
import { loadBenchmark } from "../accuracy/data";
import { addReplays, emptyReplay, replay, type Levels, type OrderRule, type ReplayResult } from "../../../app/engine/policy/replay";

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const sets = (argument("sets") ?? "carparts,m4-weekly,brand").split(",");
const leads = (argument("lead") ?? "2,4,4").split(",").map(Number);
const reviewPeriods = Number(argument("review") ?? 1);
const levels = (argument("levels") ?? "0.9,0.95").split(",").map(Number);
const limit = argument("limit") ? Number(argument("limit")) : undefined;
/** --learned-calibration off: the model's own distributions, as before per-shop calibration. */
const learnCalibration = argument("learned-calibration") !== "off";
/** --brand-seed 7: a brand the defaults were never looked at on. */
const brandSeed = Number(argument("brand-seed") ?? 20261101);
/** Moving-average window of the baseline, in periods: a year of months, a quarter of weeks. */
const BASELINE_WINDOW: Record<string, number> = { carparts: 12, "m4-weekly": 13, brand: 13 };

interface PlannedSeries {
  distribution: DemandDistribution;
  history: number[];
  actual: number[];
}

async function plannedSeries(name: string): Promise<PlannedSeries[]> {
  if (name === "brand") {
    const { forecasts } = brandForecasts({ seed: brandSeed, variants: 300, horizon: 13, stockouts: "truth", learnCalibration, ...(limit !== undefined ? { limit } : {}) });
    // Promotions add demand the baseline forecast leaves to the promotion plan: leave those cells out.
    return forecasts.filter((f) => f.scored.every(Boolean)).map((f) => ({ distribution: f.outlook.distribution, history: f.outlook.history.baseline, actual: f.actual }));
  }
  const set = await loadBenchmark(name, limit);
  // The set's calibration, learned from its training periods only (as a plan learns it from a shop's history).
  const forecast = (y: readonly number[], options: AutoForecastOptions) => autoForecast(y, options);
  const calibration = learnCalibration
    ? fitSeriesCalibration(
        set.series.flatMap((s) => seriesBacktestSamples(s.train, { horizon: set.horizon, seasonLength: set.seasonLength, origins: 2, forecast })),
        set.horizon,
        2,
      )
    : null;
  return set.series.map((s) => ({
    distribution: calibratedResult(autoForecast(s.train, { horizon: set.horizon, seasonLength: set.seasonLength }), calibration, [0.5]).result.distribution,
    history: s.train,
    actual: s.test.slice(0, set.horizon),
  }));
}

function baselineLevels(history: readonly number[], window: number, lead: number, review: number, level: number, z = normalQuantile(level)): Levels {
  const recent = history.slice(-window);
  const mean = recent.reduce((a, b) => a + b, 0) / Math.max(1, recent.length);
  const sd = Math.sqrt(recent.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, recent.length - 1));
  const safety = z * sd * Math.sqrt(lead + review);
  return { reorderPoint: Math.max(0, Math.ceil(mean * lead + safety - 1e-9)), orderUpTo: Math.max(0, Math.ceil(mean * (lead + review) + safety - 1e-9)) };
}

interface Row {
  replay: ReplayResult;
  /** Σ per-series stock held / mean demand per period, and how many series entered it */
  relativeStock: number;
  relativeSeries: number;
  /** Σ over cycles of the plan's own P(protection demand ≤ S) */
  expectedService: number;
}

function emptyRow(): Row {
  return { replay: emptyReplay(), relativeStock: 0, relativeSeries: 0, expectedService: 0 };
}

function addSeries(row: Row, result: ReplayResult, actual: readonly number[], lead: number): void {
  addReplays(row.replay, result);
  const measured = actual.slice(lead);
  const meanDemand = measured.reduce((a, b) => a + b, 0) / Math.max(1, measured.length);
  if (meanDemand > 0 && result.periods > 0) {
    row.relativeStock += result.stockHeld / result.periods / meanDemand;
    row.relativeSeries++;
  }
}

function format(label: string, row: Row, target: number, seriesCount: number, withExpected: boolean): string {
  const r = row.replay;
  const cycle = r.cyclesWithoutStockout / r.cycles;
  const expected = withExpected ? ` (plan expects ${(100 * (row.expectedService / r.cycles)).toFixed(1)}%)` : "";
  return (
    `  ${label.padEnd(28)} cycle service ${(100 * cycle).toFixed(1)}% vs ${(100 * target).toFixed(0)}%${expected}, fill ${(100 * (r.filled / r.demand)).toFixed(1)}%, ` +
    `stock ${(row.relativeStock / row.relativeSeries).toFixed(2)} periods of demand (${(r.stockHeld / r.periods).toFixed(2)} units/series-period), ` +
    `stockout periods ${(r.stockoutPeriods / seriesCount).toFixed(2)} per series, orders ${(r.orders / seriesCount).toFixed(1)}`
  );
}

for (const [index, name] of sets.entries()) {
  const lead = leads[index] ?? leads[leads.length - 1]!;
  const started = performance.now();
  const series = await plannedSeries(name);
  const forecastSeconds = (performance.now() - started) / 1000;
  const horizon = series[0]?.actual.length ?? 0;
  console.log(`\n== ${name}: ${series.length} series, ${horizon} held-back periods, lead time ${lead}, review every ${reviewPeriods} (forecasts ${forecastSeconds.toFixed(1)} s)`);
  for (const level of levels) {
    const rows: Record<string, Row> = {};
    const row = (key: string): Row => (rows[key] ??= emptyRow());
    for (const s of series) {
      const policyAt = (period: number) =>
        computeStockPolicy({ distribution: s.distribution, leadTimeDays: 7 * lead, reviewDays: 7 * reviewPeriods, serviceLevel: level, startOffsetDays: 7 * period });
      const cache = new Map<number, Levels>();
      const ours = (period: number): Levels => {
        let levelsAtPeriod = cache.get(period);
        if (!levelsAtPeriod) {
          const p = policyAt(period);
          levelsAtPeriod = { reorderPoint: p.reorderPoint, orderUpTo: p.orderUpTo };
          cache.set(period, levelsAtPeriod);
        }
        return levelsAtPeriod;
      };
      const baseline = baselineLevels(s.history, BASELINE_WINDOW[name] ?? 13, lead, reviewPeriods, level);
      for (const rule of ["order_up_to", "reorder_point"] as OrderRule[]) {
        addSeries(row(`ours ${rule}`), replay(s.actual, ours, lead, reviewPeriods, rule), s.actual, lead);
        addSeries(row(`baseline ${rule}`), replay(s.actual, () => baseline, lead, reviewPeriods, rule), s.actual, lead);
      }
      for (let k = 0; k + lead + reviewPeriods - 1 < horizon; k += reviewPeriods) {
        const total = intervalDistribution(s.distribution, { startWeek: k, weeks: lead + reviewPeriods });
        row("ours order_up_to").expectedService += total.cdf(ours(k).orderUpTo);
      }
    }
    // The baseline's z raised (after the fact, knowing the outcomes) until it reaches the target:
    // the stock a moving average with normal safety stock needs for the same service.
    const tunedRow = (z: number): Row => {
      const tuned = emptyRow();
      for (const s of series) addSeries(tuned, replay(s.actual, () => baselineLevels(s.history, BASELINE_WINDOW[name] ?? 13, lead, reviewPeriods, level, z), lead, reviewPeriods, "order_up_to"), s.actual, lead);
      return tuned;
    };
    const service = (r: Row): number => r.replay.cyclesWithoutStockout / r.replay.cycles;
    let low = 0;
    let high = normalQuantile(level);
    while (service(tunedRow(high)) < level && high < 64) high *= 2;
    for (let i = 0; i < 30 && high - low > 1e-3; i++) {
      const middle = (low + high) / 2;
      if (service(tunedRow(middle)) >= level) high = middle;
      else low = middle;
    }
    const tuned = tunedRow(high);
    console.log(`target ${(100 * level).toFixed(0)}%:`);
    console.log(format("ours, order-up-to (R, S)", row("ours order_up_to"), level, series.length, true));
    console.log(format("baseline MA+normal, (R, S)", row("baseline order_up_to"), level, series.length, false));
    console.log(format(`baseline tuned to target, z=${high.toFixed(2)}`, tuned, level, series.length, false));
    console.log(format("ours, reorder point (R, s, S)", row("ours reorder_point"), level, series.length, false));
    console.log(format("baseline, (R, s, S)", row("baseline reorder_point"), level, series.length, false));
  }
}
