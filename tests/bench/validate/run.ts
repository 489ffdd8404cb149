/**
 * Validation bench for any series file: npm run bench:validate -- --input F.csv --horizon H --season M
 *   [--lead-time L --target T] [--review R] [--mase-lag K] [--workers 2] [--limit N]
 *
 * F is long format, series_id,period,value (periods in order). The last H periods of every series
 * are held back; the calibration is learned inside the run from the periods before them (each
 * series forecast again from H and 2H periods before its training end, the model chosen on what
 * came before), exactly as a plan learns it from a shop's history, so nothing here was fitted to
 * F. Prints, with the calibration and without it: MASE and sMAPE of the point forecast (the mean)
 * and of the median, the shares of outcomes at or below P10/P50/P90, the P10–P90 coverage and the
 * mean pinball loss. With --lead-time (periods) and --target (e.g. 0.95), also the held-back
 * periods replayed through the policy (order up to S every R periods, arrivals L periods later):
 * achieved cycle service, fill rate and mean stock, beside normal safety stock on a moving
 * average at the same target and tuned until it reaches the plan's service.
 */
import { parseArgs } from "node:util";
import { readSeriesCsv, SeriesCsvError } from "../../../app/cli/series-csv";
import type { CalibrationSample, ShopCalibration } from "../../../app/engine/forecast/shop-calibration";
import { calibratedResult, fitSeriesCalibration } from "../../../app/engine/forecast/series-calibration";
import { autoForecast } from "../../../app/engine/forecast/auto";
import { policyOutcome, replayCase, textbookLevels, type PolicyOutcome } from "../../../app/engine/policy/history-replay";
import { addReplays, emptyReplay, replay, type ReplayResult } from "../../../app/engine/policy/replay";
import { createWorkerPool } from "../../../app/platform/worker-pool";
import { addCalibration, emptyCalibration } from "../accuracy/calibration";
import { pinball, type EvaluationTask, type SeriesEvaluation } from "../accuracy/evaluate";
import type { BenchmarkSeries } from "../accuracy/data";

const { values } = parseArgs({
  options: {
    input: { type: "string" },
    horizon: { type: "string" },
    season: { type: "string", default: "1" },
    "lead-time": { type: "string" },
    target: { type: "string" },
    review: { type: "string", default: "1" },
    "mase-lag": { type: "string", default: "1" },
    workers: { type: "string", default: "2" },
    limit: { type: "string" },
  },
});

function fail(message: string): never {
  console.error(`bench:validate: ${message}`);
  process.exit(2);
}

const horizon = Number(values.horizon);
const season = Number(values.season);
if (!values.input) fail("--input F.csv is required (series_id,period,value)");
if (!Number.isInteger(horizon) || horizon < 1) fail(`--horizon must be a whole number of periods ≥ 1, got ${values.horizon ?? "nothing"}`);
if (!Number.isInteger(season) || season < 1) fail(`--season must be a whole number ≥ 1, got ${values.season}`);
const lead = values["lead-time"] === undefined ? null : Number(values["lead-time"]);
const target = values.target === undefined ? null : Number(values.target);
const review = Number(values.review);
if ((lead === null) !== (target === null)) fail("--lead-time and --target go together");
if (lead !== null && (!Number.isInteger(lead) || lead < 1)) fail(`--lead-time must be a whole number of periods ≥ 1, got ${values["lead-time"]}`);
if (target !== null && !(target > 0.5 && target < 1)) fail(`--target must lie between 0.5 and 1, e.g. 0.95, got ${values.target}`);
if (!Number.isInteger(review) || review < 1) fail(`--review must be a whole number of periods ≥ 1, got ${values.review}`);

let file: Map<string, number[]>;
try {
  file = await readSeriesCsv(values.input);
} catch (error) {
  fail(error instanceof SeriesCsvError ? error.message : String(error));
}
const series: BenchmarkSeries[] = [];
let tooShort = 0;
for (const [id, y] of file) {
  if (values.limit !== undefined && series.length >= Number(values.limit)) break;
  if (y.length < horizon + Math.max(10, 2 * season)) {
    tooShort++;
    continue;
  }
  series.push({ id, train: y.slice(0, y.length - horizon), test: y.slice(y.length - horizon) });
}
if (series.length === 0) fail(`no series has the ${horizon + Math.max(10, 2 * season)} periods a ${horizon}-period test needs`);

const workers = Number(values.workers);
const levels = [0.1, 0.5, 0.9];
const base = { horizon, seasonLength: season, maseLag: Number(values["mase-lag"]), references: [] as string[], levels };
const batches = Array.from({ length: Math.ceil(series.length / 20) }, (_, i) => series.slice(i * 20, (i + 1) * 20));
const calibrationPool = createWorkerPool<EvaluationTask & { origins: number }, CalibrationSample[]>(new URL("../accuracy/calibration-worker.ts", import.meta.url), workers);
const pool = createWorkerPool<EvaluationTask, SeriesEvaluation[]>(new URL("../accuracy/worker.ts", import.meta.url), workers);
const started = performance.now();
let calibration: ShopCalibration | null;
let runs: { label: string; evaluations: SeriesEvaluation[] }[];
try {
  const samples = (await Promise.all(batches.map((b) => calibrationPool.run({ ...base, series: b, origins: 2 })))).flat();
  calibration = fitSeriesCalibration(samples, horizon, 2);
  runs = [];
  for (const [label, shopCalibration] of [["learned calibration", calibration], ["model's own intervals", null]] as const) {
    runs.push({ label, evaluations: (await Promise.all(batches.map((b) => pool.run({ ...base, series: b, shopCalibration })))).flat() });
  }
} finally {
  await Promise.all([pool.close(), calibrationPool.close()]);
}

const mean = (evaluations: SeriesEvaluation[], method: string, metric: "mase" | "smape"): number => {
  const scores = evaluations.map((e) => e.scores[method]?.[metric]).filter((v): v is number => v !== undefined && Number.isFinite(v));
  return scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
};
console.log(`${values.input}: ${series.length} series (${tooShort} too short left out), last ${horizon} periods held back, season ${season}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
const fmt = (v: number): string => v.toFixed(3).padStart(7);
console.log("                          MASE(mean) sMAPE(mean) MASE(P50)   P10    P50    P90  P10–P90  pinball");
for (const { label, evaluations } of runs) {
  const tally = emptyCalibration();
  for (const e of evaluations) addCalibration(tally, e.calibration);
  const share = tally.steps.pit.map((v) => v / tally.steps.count);
  const loss = levels.map((l) => pinball(evaluations, "auto", l)).reduce((a, b) => a + b, 0) / levels.length;
  console.log(
    `  ${label.padEnd(24)} ${fmt(mean(evaluations, "auto", "mase"))} ${fmt(mean(evaluations, "auto", "smape"))}  ${fmt(mean(evaluations, "auto_p50", "mase"))}  ${share.map((s) => s.toFixed(3)).join("  ")}  ${fmt(share[2]! - share[0]!)}  ${loss.toFixed(4)}`,
  );
}
if (calibration) {
  const all = calibration.classes.find((c) => c.key === "all")!;
  console.log(`  calibration learned from ${all.backtests} backtests on the training periods; the model's own P10–P90 held ${all.modelCoverage.toFixed(3)} of their outcomes`);
}

if (lead !== null && target !== null) {
  // The policy reads the calibrated forecast of each series' training periods, as a plan would.
  const cases = series.map((s) => {
    const { result } = calibratedResult(autoForecast(s.train, { horizon, seasonLength: season, quantiles: levels }), calibration, levels);
    return { key: `own_history:${result.demandClass}`, distribution: result.distribution, history: s.train, actual: s.test, leadTimeDays: 7 * lead, reviewDays: 7 * review, serviceLevel: target };
  });
  /** Pooled outcome, and stock in periods of each series' own mean demand, averaged over series (each series counts the same). */
  const summarise = (results: ReplayResult[]): { outcome: PolicyOutcome; periodsOfDemand: number } => {
    const total = emptyReplay();
    let relative = 0;
    let counted = 0;
    for (const r of results) {
      addReplays(total, r);
      const demandPerPeriod = r.periods > 0 ? r.demand / r.periods : 0;
      if (demandPerPeriod > 0) {
        relative += r.stockHeld / r.periods / demandPerPeriod;
        counted++;
      }
    }
    return { outcome: policyOutcome(total), periodsOfDemand: counted > 0 ? relative / counted : 0 };
  };
  const replayed = cases.map(replayCase).filter((r): r is NonNullable<typeof r> => r !== null);
  const ours = summarise(replayed.map((r) => r.plan));
  const textbook = summarise(replayed.map((r) => r.textbook));
  const textbookAt = (level: number) =>
    summarise(cases.filter((c) => lead + review <= c.actual.length).map((c) => replay(c.actual, () => textbookLevels(c.history, lead, review, level), lead, review, "order_up_to")));
  const line = (label: string, r: ReturnType<typeof summarise>) =>
    console.log(
      `  ${label.padEnd(44)} cycle service ${(100 * r.outcome.cycleService).toFixed(1)}%, fill ${(100 * r.outcome.fillRate).toFixed(1)}%, ` +
        `stock ${r.periodsOfDemand.toFixed(2)} periods of demand (${r.outcome.meanStock.toFixed(1)} units per series-period)`,
    );
  console.log(`policy replay of the held-back ${horizon} periods: lead time ${lead}, review ${review}, target ${(100 * target).toFixed(0)}%, ${ours.outcome.cycles} cycles`);
  line("plan (calibrated forecast)", ours);
  line(`textbook normal SS at ${(100 * target).toFixed(0)}%`, textbook);
  // The textbook target raised (knowing the outcomes) until it reaches the plan's service: the stock it needs for the same service.
  const ceiling = 0.9999;
  if (textbookAt(ceiling).outcome.cycleService < ours.outcome.cycleService) {
    line(`textbook at ${100 * ceiling}% (cannot reach the plan's service)`, textbookAt(ceiling));
  } else {
    let low = 0.5;
    let high = ceiling;
    for (let i = 0; i < 30; i++) {
      const middle = (low + high) / 2;
      if (textbookAt(middle).outcome.cycleService >= ours.outcome.cycleService) high = middle;
      else low = middle;
    }
    line(`textbook tuned to the plan's service (at ${(100 * high).toFixed(2)}%)`, textbookAt(high));
  }
}
