// Rolling-origin backtest on a series' own history: each candidate is refitted at every origin
// and scored on the periods that follow it.
import type { MethodRunner } from "./methods";
import { naiveScale } from "./metrics";

/** rmsse (mean-targeting) is used internally for intermittent demand, where absolute errors favour zero. */
export type BacktestMetric = "mase" | "wape" | "rmsse";

export interface BacktestPlan {
  /** training lengths (origins), latest last */
  origins: number[];
  /** steps scored after each origin */
  horizon: number;
}

/**
 * Up to `originCount` origins spaced by ⌈h/originCount⌉ so windows overlap rather than eat history;
 * every origin keeps at least two seasons (or 10 periods) of training data. Null when too short.
 */
export function planBacktest(length: number, horizon: number, seasonLength: number, originCount: number): BacktestPlan | null {
  const minimumTraining = Math.max(10, seasonLength > 1 && seasonLength <= 24 ? 2 * seasonLength : 0);
  const scored = Math.min(horizon, length - minimumTraining);
  if (scored < 1) return null;
  const spacing = Math.max(1, Math.ceil(scored / originCount));
  const origins: number[] = [];
  for (let j = originCount - 1; j >= 0; j--) {
    const origin = length - scored - j * spacing;
    if (origin >= minimumTraining) origins.push(origin);
  }
  return origins.length === 0 ? null : { origins, horizon: scored };
}

export interface CandidateBacktest {
  score: number;
  /** forecast errors (actual − forecast) per step, one entry per origin */
  errorsByStep: number[][];
}

function clipAtZero(values: readonly number[]): number[] {
  return values.map((v) => (v > 0 ? v : 0));
}

/** Scores per-origin error vectors: mean MASE (lag-1 in-sample scaling) across origins, or pooled WAPE. */
export function scoreErrors(y: readonly number[], plan: BacktestPlan, errorsByOrigin: readonly (readonly number[])[], metric: BacktestMetric): number {
  let maseTotal = 0;
  let rmsseTotal = 0;
  let absoluteErrors = 0;
  let volume = 0;
  plan.origins.forEach((origin, o) => {
    const errors = errorsByOrigin[o]!;
    let originError = 0;
    let squaredError = 0;
    for (let h = 0; h < plan.horizon; h++) {
      originError += Math.abs(errors[h]!);
      squaredError += errors[h]! * errors[h]!;
      volume += Math.abs(y[origin + h]!);
    }
    absoluteErrors += originError;
    const training = y.slice(0, origin);
    const scale = naiveScale(training, 1);
    // A flat history has no naive error to scale by; fall back to its mean level.
    const safeScale = scale > 0 ? scale : Math.max(1e-9, training.reduce((a, b) => a + Math.abs(b), 0) / training.length);
    maseTotal += originError / plan.horizon / safeScale;
    const squaredScale = naiveScale(training, 1, 2);
    rmsseTotal += Math.sqrt(squaredError / plan.horizon / (squaredScale > 0 ? squaredScale : safeScale * safeScale));
  });
  const score =
    metric === "mase" ? maseTotal / plan.origins.length : metric === "rmsse" ? rmsseTotal / plan.origins.length : volume > 0 ? absoluteErrors / volume : absoluteErrors;
  return Number.isFinite(score) ? score : Infinity;
}

/** Refits the method at every origin and scores its clipped forecasts. */
export function backtestMethod(y: readonly number[], run: MethodRunner, plan: BacktestPlan, seasonLength: number, metric: BacktestMetric): CandidateBacktest {
  const errorsByStep: number[][] = Array.from({ length: plan.horizon }, () => []);
  const errorsByOrigin: number[][] = [];
  for (const origin of plan.origins) {
    const forecast = clipAtZero(run(y.slice(0, origin), plan.horizon, seasonLength).mean);
    const errors = forecast.map((f, h) => y[origin + h]! - f);
    errors.forEach((e, h) => errorsByStep[h]!.push(e));
    errorsByOrigin.push(errors);
  }
  return { score: scoreErrors(y, plan, errorsByOrigin, metric), errorsByStep };
}
