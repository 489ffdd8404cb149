// Methods for intermittent demand: Croston (1972), SBA (Syntetos & Boylan 2005) and
// TSB (Teunter, Syntetos & Babai 2011).
import type { OccurrenceSizeDistribution } from "./distributions";
import { rootMeanSquare, type MethodForecast } from "./method-types";

export interface IntermittentFit extends MethodForecast {
  /** one-step forecasts made before each period (NaN before the first demand) */
  fitted: number[];
  /** final smoothed demand size z and interval p (Croston/SBA) or occurrence probability (TSB) */
  size: number;
  interval?: number;
  probability?: number;
}

// Forecast-error variance grows like SES's: σ²(1 + (h−1)α²), since the demand estimate is an
// exponentially weighted average; used as an approximation.
function sesLikeVariance(sd: number, alpha: number, horizon: number): number[] {
  return Array.from({ length: horizon }, (_, i) => sd * sd * (1 + i * alpha * alpha));
}

function crostonCore(y: readonly number[], horizon: number, alpha: number, correction: number, label: string): IntermittentFit {
  const fitted: number[] = new Array<number>(y.length).fill(NaN);
  let size = NaN;
  let interval = NaN;
  let sinceLast = 0;
  for (let t = 0; t < y.length; t++) {
    sinceLast++;
    if (Number.isFinite(size)) fitted[t] = (correction * size) / interval;
    const demand = y[t]!;
    if (demand <= 0) continue;
    if (!Number.isFinite(size)) {
      // First demand initialises z with its size and p with its position (1-based).
      size = demand;
      interval = sinceLast;
    } else {
      size += alpha * (demand - size);
      interval += alpha * (sinceLast - interval);
    }
    sinceLast = 0;
  }
  const forecast = Number.isFinite(size) ? (correction * size) / interval : 0;
  const errors = y.map((v, t) => v - fitted[t]!);
  const sd = rootMeanSquare(errors, 1);
  return {
    mean: Array<number>(horizon).fill(forecast),
    variance: sesLikeVariance(sd, alpha, horizon),
    residualSd: sd,
    label,
    fitted,
    size: Number.isFinite(size) ? size : 0,
    interval: Number.isFinite(interval) ? interval : y.length,
  };
}

/**
 * Croston: only in periods with demand, z ← z + α(y − z) and p ← p + α(q − p), q being the
 * number of periods since the previous demand; forecast z / p.
 */
export function croston(y: readonly number[], horizon: number, alpha = 0.1): IntermittentFit {
  return crostonCore(y, horizon, alpha, 1, "croston");
}

/** Syntetos–Boylan approximation: Croston's z / p times (1 − α/2) to remove its bias. */
export function sba(y: readonly number[], horizon: number, alpha = 0.1): IntermittentFit {
  return crostonCore(y, horizon, alpha, 1 - alpha / 2, "sba");
}

/**
 * TSB: every period p ← p + β(1[y>0] − p); in periods with demand z ← z + α(y − z);
 * forecast p·z. Initial p is the occurrence of the first period and initial z the first
 * non-zero demand (as in statsforecast).
 */
export function tsb(y: readonly number[], horizon: number, alpha = 0.1, beta = 0.1): IntermittentFit {
  const fitted: number[] = new Array<number>(y.length).fill(NaN);
  const firstDemand = y.find((v) => v > 0);
  if (firstDemand === undefined || y.length === 0) {
    return { mean: Array<number>(horizon).fill(0), variance: Array<number>(horizon).fill(0), residualSd: 0, label: "tsb", fitted, size: 0, probability: 0 };
  }
  let size = firstDemand;
  let probability = y[0]! > 0 ? 1 : 0;
  let sizeInitialised = y[0]! > 0;
  for (let t = 1; t < y.length; t++) {
    fitted[t] = probability * size;
    const demand = y[t]!;
    if (demand > 0) {
      probability += beta * (1 - probability);
      if (sizeInitialised) size += alpha * (demand - size);
      sizeInitialised = true;
    } else {
      probability += beta * (0 - probability);
    }
  }
  const errors = y.map((v, t) => v - fitted[t]!);
  const sd = rootMeanSquare(errors, 2);
  return {
    mean: Array<number>(horizon).fill(probability * size),
    variance: sesLikeVariance(sd, Math.max(alpha, beta), horizon),
    residualSd: sd,
    label: "tsb",
    fitted,
    size,
    probability,
  };
}

/**
 * TSB's predictive distribution for the next period: occurrence probability p from TSB, and the
 * non-zero sizes seen so far weighted by (1 − α)^(demands since), the same memory as TSB's size
 * smoothing, instead of only their smoothed mean. Used for intermittent quantiles.
 */
export function tsbDemandDistribution(y: readonly number[], alpha = 0.1, beta = 0.1): OccurrenceSizeDistribution {
  const sizes = y.filter((v) => v > 0);
  const weights = sizes.map((_, i) => (1 - alpha) ** (sizes.length - 1 - i));
  return { probability: tsb(y, 1, alpha, beta).probability ?? 0, sizes, weights };
}
