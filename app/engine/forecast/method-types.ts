// The common shape every forecasting method returns.

export interface MethodForecast {
  /** point forecast per step 1..h */
  mean: number[];
  /** analytic forecast-error variance per step, or null when the method has none */
  variance: number[] | null;
  /** standard deviation of one-step in-sample errors */
  residualSd: number;
  /** human-readable label, e.g. "ETS(A,Ad,N)" */
  label: string;
}

/** Root mean square of the finite values (NaN-safe, used for residual sd). */
export function rootMeanSquare(errors: readonly number[], degreesOfFreedomLost = 0): number {
  let acc = 0;
  let count = 0;
  for (const e of errors) {
    if (Number.isFinite(e)) {
      acc += e * e;
      count++;
    }
  }
  const denominator = Math.max(1, count - degreesOfFreedomLost);
  return count === 0 ? 0 : Math.sqrt(acc / denominator);
}
