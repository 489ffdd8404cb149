// Simple exponential smoothing, Holt's linear trend and damped-trend Holt, in the textbook
// component form (Hyndman & Athanasopoulos, FPP ch. 8). Parameters left out are fitted by
// minimising the in-sample one-step SSE with Nelder–Mead (initial states included).
import { rootMeanSquare, type MethodForecast } from "./method-types";
import { fromBounded, nelderMead, toBounded } from "./optimizer";
import { linearTrend } from "./stats";

export interface SmoothingParameters {
  alpha: number;
  /** trend smoothing β* of the component form (0 for SES) */
  beta: number;
  /** damping (1 = Holt) */
  phi: number;
  initialLevel: number;
  initialTrend: number;
}

export interface SmoothingFit extends MethodForecast {
  parameters: SmoothingParameters;
  /** one-step in-sample fitted values */
  fitted: number[];
}

interface FilterResult {
  level: number;
  trend: number;
  fitted: number[];
  sse: number;
}

/** Runs ℓ_t = αy_t + (1−α)(ℓ_{t−1}+φb_{t−1}); b_t = β*(ℓ_t−ℓ_{t−1}) + (1−β*)φb_{t−1}. */
function runFilter(y: readonly number[], p: SmoothingParameters): FilterResult {
  let level = p.initialLevel;
  let trend = p.initialTrend;
  const fitted: number[] = new Array<number>(y.length);
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const prediction = level + p.phi * trend;
    fitted[t] = prediction;
    const error = y[t]! - prediction;
    sse += error * error;
    const newLevel = prediction + p.alpha * error;
    trend = p.beta * (newLevel - level) + (1 - p.beta) * p.phi * trend;
    level = newLevel;
  }
  return { level, trend, fitted, sse };
}

/** Σ_{i=1..h} φ^i (equals h when φ = 1). */
export function dampedSum(phi: number, h: number): number {
  if (phi === 1) return h;
  let total = 0;
  let power = 1;
  for (let i = 1; i <= h; i++) {
    power *= phi;
    total += power;
  }
  return total;
}

/** Same recursion as runFilter, SSE only and allocation-free: the optimiser's inner loop. */
function filterSse(y: readonly number[], alpha: number, beta: number, phi: number, initialLevel: number, initialTrend: number): number {
  let level = initialLevel;
  let trend = initialTrend;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const prediction = level + phi * trend;
    const error = y[t]! - prediction;
    sse += error * error;
    const newLevel = prediction + alpha * error;
    trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
    level = newLevel;
  }
  return sse;
}

function forecastFromFilter(y: readonly number[], p: SmoothingParameters, horizon: number, label: string, parameterCount: number): SmoothingFit {
  const state = runFilter(y, p);
  const errors = y.map((v, t) => v - state.fitted[t]!);
  const sd = rootMeanSquare(errors, parameterCount);
  const mean: number[] = [];
  const variance: number[] = [];
  // ETS(A,Ad,N) analytic variance: σ²(1 + Σ_{j<h} c_j²), c_j = α(1 + β*·Σ_{i≤j} φ^i).
  let accumulated = 1;
  for (let h = 1; h <= horizon; h++) {
    mean.push(state.level + dampedSum(p.phi, h) * state.trend);
    variance.push(sd * sd * accumulated);
    const c = p.alpha * (1 + p.beta * dampedSum(p.phi, h));
    accumulated += c * c;
  }
  return { mean, variance, residualSd: sd, label, parameters: p, fitted: state.fitted };
}

type FreeParameter = "alpha" | "beta" | "phi" | "initialLevel" | "initialTrend";
const bounds: Record<"alpha" | "beta" | "phi", [number, number]> = {
  alpha: [1e-4, 0.9999],
  beta: [1e-4, 0.9999],
  phi: [0.8, 0.98],
};

function fitParameters(y: readonly number[], start: SmoothingParameters, free: FreeParameter[]): SmoothingParameters {
  if (free.length === 0 || y.length < 3) return start;
  const scale = Math.max(1e-8, Math.abs(start.initialLevel) * 0.1 + 1e-3);
  const encode = (p: SmoothingParameters): number[] =>
    free.map((name) => (name === "initialLevel" || name === "initialTrend" ? p[name] / scale : fromBounded(p[name], ...bounds[name])));
  const decode = (x: readonly number[]): SmoothingParameters => {
    const p = { ...start };
    free.forEach((name, i) => {
      p[name] = name === "initialLevel" || name === "initialTrend" ? x[i]! * scale : toBounded(x[i]!, ...bounds[name]);
    });
    return p;
  };
  const objective = (x: readonly number[]): number => {
    const p = decode(x);
    return filterSse(y, p.alpha, p.beta, p.phi, p.initialLevel, p.initialTrend);
  };
  const result = nelderMead(objective, encode(start), { maxIterations: 60 * free.length, tolerance: 1e-7, step: 0.5 });
  return decode(result.x);
}

function heuristicStart(y: readonly number[]): { level: number; trend: number } {
  const head = y.slice(0, Math.min(10, y.length));
  const line = linearTrend(head);
  return { level: Number.isFinite(line.intercept) ? line.intercept : (y[0] ?? 0), trend: head.length > 1 ? line.slope : 0 };
}

export interface SesOptions {
  alpha?: number;
  /** defaults to y[0] when alpha is given, else fitted */
  initialLevel?: number;
}

export function ses(y: readonly number[], horizon: number, options: SesOptions = {}): SmoothingFit {
  const free: FreeParameter[] = [];
  if (options.alpha === undefined) free.push("alpha");
  if (options.initialLevel === undefined && options.alpha === undefined) free.push("initialLevel");
  const start: SmoothingParameters = {
    alpha: options.alpha ?? 0.3,
    beta: 0,
    phi: 1,
    initialLevel: options.initialLevel ?? y[0] ?? 0,
    initialTrend: 0,
  };
  return forecastFromFilter(y, fitParameters(y, start, free), horizon, "ses", 2);
}

export interface HoltOptions {
  alpha?: number;
  beta?: number;
  /** only for damped */
  phi?: number;
  /** default y[0] when alpha and beta are given, else fitted */
  initialLevel?: number;
  /** default y[1] − y[0] when alpha and beta are given, else fitted */
  initialTrend?: number;
}

function trendStart(y: readonly number[], options: HoltOptions): { level: number; trend: number; fitStates: boolean } {
  const fixed = options.alpha !== undefined && options.beta !== undefined;
  if (fixed) return { level: options.initialLevel ?? y[0] ?? 0, trend: options.initialTrend ?? (y.length > 1 ? y[1]! - y[0]! : 0), fitStates: false };
  const h = heuristicStart(y);
  return { level: options.initialLevel ?? h.level - h.trend, trend: options.initialTrend ?? h.trend, fitStates: true };
}

export function holt(y: readonly number[], horizon: number, options: HoltOptions = {}): SmoothingFit {
  const s = trendStart(y, options);
  const free: FreeParameter[] = [];
  if (options.alpha === undefined) free.push("alpha");
  if (options.beta === undefined) free.push("beta");
  if (s.fitStates && options.initialLevel === undefined) free.push("initialLevel");
  if (s.fitStates && options.initialTrend === undefined) free.push("initialTrend");
  const start: SmoothingParameters = { alpha: options.alpha ?? 0.3, beta: options.beta ?? 0.1, phi: 1, initialLevel: s.level, initialTrend: s.trend };
  return forecastFromFilter(y, fitParameters(y, start, free), horizon, "holt", 4);
}

export function dampedHolt(y: readonly number[], horizon: number, options: HoltOptions = {}): SmoothingFit {
  const s = trendStart(y, options);
  const free: FreeParameter[] = [];
  if (options.alpha === undefined) free.push("alpha");
  if (options.beta === undefined) free.push("beta");
  if (options.phi === undefined) free.push("phi");
  if (s.fitStates && options.initialLevel === undefined) free.push("initialLevel");
  if (s.fitStates && options.initialTrend === undefined) free.push("initialTrend");
  const start: SmoothingParameters = { alpha: options.alpha ?? 0.3, beta: options.beta ?? 0.1, phi: options.phi ?? 0.95, initialLevel: s.level, initialTrend: s.trend };
  return { ...forecastFromFilter(y, fitParameters(y, start, free), horizon, "damped", 5) };
}
