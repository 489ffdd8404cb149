// Exponential smoothing state-space models ETS(error, trend, season) after Hyndman et al.
// (2008), with error A/M, trend N/A/Ad and season N/A/M. Smoothing parameters and the initial
// level/trend are fitted by maximum likelihood (Nelder–Mead); seasonal initial states come from
// a classical decomposition of the history and are not optimised, which keeps fits cheap (optimising
// the m − 1 free states jointly, as R does, was measured on M3 monthly: ETS sMAPE 14.41 → 14.38 for
// 3.3× the CPU, and no gain for autoForecast).
// Model selection uses AICc over the admissible set, as R's ets() does with its default
// restrictions (no additive error with multiplicative season, no multiplicative trend).
import { rootMeanSquare, type MethodForecast } from "./method-types";
import { fromBounded, nelderMead, toBounded } from "./optimizer";
import { additiveSeasonalIndices, indexForStep, multiplicativeSeasonalIndices, seasonalAdjustment } from "./seasonality";
import { linearTrend } from "./stats";
import { dampedSum } from "./smoothing";

const ETS_ITERATIONS_PER_PARAMETER = 40;

export type ErrorType = "A" | "M";
export type TrendType = "N" | "A" | "Ad";
export type SeasonType = "N" | "A" | "M";

export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  season: SeasonType;
}

export interface EtsParameters {
  alpha: number;
  /** state-space β (= α·β* of the component form) */
  beta: number;
  gamma: number;
  phi: number;
  initialLevel: number;
  initialTrend: number;
  initialSeason: number[];
}

export interface EtsFit extends MethodForecast {
  spec: EtsSpec;
  parameters: EtsParameters;
  aicc: number;
  /** −2·log-likelihood up to a constant */
  negLogLik: number;
}

export function etsLabel(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

interface FilterState {
  level: number;
  trend: number;
  season: number[];
  negLogLik: number;
  absErrors: number[];
}

/**
 * One pass of the state-space recursions. The state updates written with the absolute error
 * e = y − μ are the same for additive and multiplicative errors (Hyndman et al. 2008, Table 2.3);
 * the error type only changes the likelihood.
 */
function runEtsFilter(y: readonly number[], spec: EtsSpec, p: EtsParameters, m: number, keepErrors = true, seasonBuffer?: number[]): FilterState {
  let level = p.initialLevel;
  let trend = spec.trend === "N" ? 0 : p.initialTrend;
  const phi = spec.trend === "Ad" ? p.phi : 1;
  let season: number[] = [];
  if (spec.season !== "N") {
    // The optimiser passes a reusable buffer so its inner loop does not allocate.
    season = seasonBuffer ?? new Array<number>(m);
    for (let i = 0; i < m; i++) season[i] = p.initialSeason[i]!;
  }
  const absErrors: number[] = keepErrors ? new Array<number>(y.length) : [];
  let sse = 0;
  let logMeans = 0;
  for (let t = 0; t < y.length; t++) {
    const base = level + phi * trend;
    const s = spec.season === "N" ? 0 : season[t % m]!;
    const mu = spec.season === "N" ? base : spec.season === "A" ? base + s : base * s;
    const e = y[t]! - mu;
    if (keepErrors) absErrors[t] = e;
    if (spec.error === "M") {
      if (!(mu > 0)) return { level, trend, season, negLogLik: Infinity, absErrors };
      sse += (e / mu) * (e / mu);
      logMeans += Math.log(mu);
    } else {
      sse += e * e;
    }
    if (spec.season === "M") {
      if (!(s > 0) || !(base > 0)) return { level, trend, season, negLogLik: Infinity, absErrors };
      level = base + (p.alpha * e) / s;
      trend = phi * trend + (p.beta * e) / s;
      season[t % m] = s + (p.gamma * e) / base;
    } else {
      level = base + p.alpha * e;
      trend = phi * trend + p.beta * e;
      if (spec.season === "A") season[t % m] = s + p.gamma * e;
    }
  }
  const n = y.length;
  const negLogLik = n * Math.log(Math.max(sse, 1e-300)) + 2 * logMeans;
  return { level, trend, season, negLogLik, absErrors };
}

function initialStates(y: readonly number[], spec: EtsSpec, m: number): { level: number; trend: number; season: number[] } {
  let season: number[] = [];
  let adjusted = [...y];
  if (spec.season !== "N") {
    // Indices from the whole history: a steadier start than the first cycles alone (R instead
    // optimises the m − 1 seasonal states, which would multiply the cost of every fit).
    season = spec.season === "M" ? multiplicativeSeasonalIndices(y, m) : additiveSeasonalIndices(y, m);
    adjusted = y.map((v, t) => (spec.season === "M" ? v / season[t % m]! : v - season[t % m]!));
  }
  const line = linearTrend(adjusted.slice(0, Math.min(10, adjusted.length)));
  if (spec.trend === "N") return { level: adjusted.slice(0, Math.min(m > 1 ? m : 10, adjusted.length)).reduce((a, b) => a + b, 0) / Math.min(m > 1 ? m : 10, adjusted.length), trend: 0, season };
  return { level: line.intercept - line.slope, trend: line.slope, season };
}

function parameterCount(spec: EtsSpec, m: number): number {
  let k = 2; // alpha, initial level
  if (spec.trend !== "N") k += 2;
  if (spec.trend === "Ad") k += 1;
  if (spec.season !== "N") k += 1 + (m - 1);
  return k + 1; // sigma
}

/** Fits one ETS specification by maximum likelihood, or just filters with `fixed` parameters. */
export function fitEts(y: readonly number[], spec: EtsSpec, seasonLength: number, horizon: number, fixed?: EtsParameters): EtsFit {
  const m = spec.season === "N" ? 1 : seasonLength;
  const start = initialStates(y, spec, m);
  const scale = Math.max(1e-6, Math.abs(start.level) * 0.1);
  const hasTrend = spec.trend !== "N";
  const hasSeason = spec.season !== "N";
  const damped = spec.trend === "Ad";

  const decode = (x: readonly number[]): EtsParameters => {
    let i = 0;
    const alpha = toBounded(x[i++]!, 1e-4, 0.9999);
    const beta = hasTrend ? toBounded(x[i++]!, 1e-4, alpha) : 0;
    const gamma = hasSeason ? toBounded(x[i++]!, 1e-4, 1 - alpha) : 0;
    const phi = damped ? toBounded(x[i++]!, 0.8, 0.98) : 1;
    const initialLevel = start.level + x[i++]! * scale;
    const initialTrend = hasTrend ? start.trend + x[i++]! * scale : 0;
    return { alpha, beta, gamma, phi, initialLevel, initialTrend, initialSeason: start.season };
  };
  const x0: number[] = [fromBounded(0.3, 1e-4, 0.9999)];
  if (hasTrend) x0.push(fromBounded(0.05, 1e-4, 0.3));
  if (hasSeason) x0.push(fromBounded(0.05, 1e-4, 0.7));
  if (damped) x0.push(fromBounded(0.95, 0.8, 0.98));
  x0.push(0);
  if (hasTrend) x0.push(0);

  const buffer = new Array<number>(m);
  const objective = (x: readonly number[]): number => runEtsFilter(y, spec, decode(x), m, false, buffer).negLogLik;
  const parameters = fixed ?? decode(nelderMead(objective, x0, { maxIterations: ETS_ITERATIONS_PER_PARAMETER * x0.length, tolerance: 1e-6, step: 0.5 }).x);
  const state = runEtsFilter(y, spec, parameters, m);
  const n = y.length;
  const k = parameterCount(spec, m);
  const aicc = state.negLogLik + 2 * k + (n - k - 1 > 0 ? (2 * k * (k + 1)) / (n - k - 1) : Infinity);
  const sd = rootMeanSquare(state.absErrors, k - 1);

  const mean: number[] = [];
  const variance: number[] = [];
  const phi = damped ? parameters.phi : 1;
  // Class-1 analytic variance σ²(1 + Σ_{j<h} c_j²), c_j = α + βφ_j + γ·1[j mod m = 0]. For models with
  // multiplicative parts it is used as an approximation with σ taken from the absolute one-step errors.
  let accumulated = 1;
  for (let h = 1; h <= horizon; h++) {
    const base = state.level + (hasTrend ? dampedSum(phi, h) * state.trend : 0);
    const s = hasSeason ? indexForStep(state.season, n, h) : 0;
    mean.push(spec.season === "N" ? base : spec.season === "A" ? base + s : base * s);
    variance.push(sd * sd * accumulated);
    const c = parameters.alpha + parameters.beta * (hasTrend ? dampedSum(phi, h) : 0) + (hasSeason && h % m === 0 ? parameters.gamma : 0);
    accumulated += c * c;
  }
  return { mean, variance, residualSd: sd, label: etsLabel(spec), spec, parameters, aicc, negLogLik: state.negLogLik };
}

/** The admissible model set for a series, following R's ets() default restrictions. */
export function candidateSpecs(y: readonly number[], seasonLength: number): EtsSpec[] {
  const positive = y.every((v) => v > 0);
  const seasonal = seasonLength > 1 && seasonLength <= 24 && y.length >= 2 * seasonLength + 2;
  const errors: ErrorType[] = positive ? ["A", "M"] : ["A"];
  const trends: TrendType[] = y.length >= 10 ? ["N", "A", "Ad"] : ["N"];
  const seasons: SeasonType[] = seasonal ? (positive ? ["N", "A", "M"] : ["N", "A"]) : ["N"];
  const specs: EtsSpec[] = [];
  for (const error of errors)
    for (const trend of trends)
      for (const season of seasons) {
        if (error === "A" && season === "M") continue;
        specs.push({ error, trend, season });
      }
  return specs;
}

export interface AutoEtsOptions {
  /** restrict the set, e.g. [{error:"A",trend:"Ad",season:"N"}] */
  specs?: EtsSpec[];
  /** reuse a previous fit's specification and parameters without optimising */
  frozen?: { spec: EtsSpec; parameters: EtsParameters };
}

/**
 * Automatic ETS: fits every admissible specification and keeps the lowest AICc. For seasons longer
 * than 24 (weekly data), seasonal states are impractical, so a series the 90% test finds seasonal is
 * deseasonalised by classical decomposition, modelled non-seasonally and reseasonalised.
 */
export function autoEts(y: readonly number[], horizon: number, seasonLength: number, options: AutoEtsOptions = {}): EtsFit {
  if (seasonLength > 24) {
    const adjustment = seasonalAdjustment(y, seasonLength);
    const fit = autoEts(adjustment.adjusted, horizon, 1, options);
    if (!adjustment.seasonal) return fit;
    const index = (h: number): number => indexForStep(adjustment.indices, y.length, h);
    return {
      ...fit,
      mean: fit.mean.map((v, i) => v * index(i + 1)),
      variance: fit.variance!.map((v, i) => v * index(i + 1) ** 2),
      label: `${fit.label}+decomposition`,
    };
  }
  if (options.frozen) return fitEts(y, options.frozen.spec, seasonLength, horizon, options.frozen.parameters);
  const specs = options.specs ?? candidateSpecs(y, seasonLength);
  let best: EtsFit | null = null;
  for (const spec of specs) {
    const fit = fitEts(y, spec, seasonLength, horizon);
    if (!Number.isFinite(fit.aicc)) continue;
    if (best === null || fit.aicc < best.aicc) best = fit;
  }
  return best ?? fitEts(y, { error: "A", trend: "N", season: "N" }, 1, horizon);
}
