// Nelder–Mead simplex minimiser (Nelder & Mead 1965, standard coefficients 1, 2, 0.5, 0.5).
// Parameters are unconstrained; callers map bounded parameters through transforms.

export interface NelderMeadOptions {
  maxIterations?: number;
  /** stop when the spread of objective values in the simplex falls below this */
  tolerance?: number;
  /** initial step per coordinate */
  step?: number | number[];
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  iterations: number;
}

export function nelderMead(
  objective: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const dim = start.length;
  const maxIterations = options.maxIterations ?? 200 * dim;
  const tolerance = options.tolerance ?? 1e-8;
  const safe = (x: readonly number[]): number => {
    const v = objective(x);
    return Number.isFinite(v) ? v : Number.MAX_VALUE;
  };
  const simplex: number[][] = [[...start]];
  for (let i = 0; i < dim; i++) {
    const vertex = [...start];
    const step = Array.isArray(options.step) ? options.step[i]! : (options.step ?? (vertex[i] !== 0 ? 0.1 * Math.abs(vertex[i]!) : 0.1));
    vertex[i]! += step === 0 ? 0.1 : step;
    simplex.push(vertex);
  }
  const values = simplex.map(safe);
  let iterations = 0;
  const order = simplex.map((_, i) => i);

  while (iterations < maxIterations) {
    iterations++;
    order.sort((a, b) => values[a]! - values[b]!);
    const best = order[0]!;
    const worst = order[dim]!;
    const secondWorst = order[dim - 1]!;
    if (Math.abs(values[worst]! - values[best]!) <= tolerance * (Math.abs(values[best]!) + tolerance)) break;

    const centroid = Array<number>(dim).fill(0);
    for (const i of order.slice(0, dim)) for (let k = 0; k < dim; k++) centroid[k]! += simplex[i]![k]! / dim;
    const along = (coefficient: number): number[] =>
      centroid.map((c, k) => c + coefficient * (simplex[worst]![k]! - c));

    const reflected = along(-1);
    const reflectedValue = safe(reflected);
    if (reflectedValue < values[best]!) {
      const expanded = along(-2);
      const expandedValue = safe(expanded);
      if (expandedValue < reflectedValue) {
        simplex[worst] = expanded;
        values[worst] = expandedValue;
      } else {
        simplex[worst] = reflected;
        values[worst] = reflectedValue;
      }
      continue;
    }
    if (reflectedValue < values[secondWorst]!) {
      simplex[worst] = reflected;
      values[worst] = reflectedValue;
      continue;
    }
    const outside = reflectedValue < values[worst]!;
    const contracted = along(outside ? -0.5 : 0.5);
    const contractedValue = safe(contracted);
    if (contractedValue < (outside ? reflectedValue : values[worst]!)) {
      simplex[worst] = contracted;
      values[worst] = contractedValue;
      continue;
    }
    // Shrink towards the best vertex.
    for (const i of order.slice(1)) {
      simplex[i] = simplex[i]!.map((v, k) => simplex[best]![k]! + 0.5 * (v - simplex[best]![k]!));
      values[i] = safe(simplex[i]!);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= dim; i++) if (values[i]! < values[bestIndex]!) bestIndex = i;
  return { x: simplex[bestIndex]!, value: values[bestIndex]!, iterations };
}

/** Map an unconstrained value into (low, high). */
export function toBounded(u: number, low: number, high: number): number {
  return low + (high - low) / (1 + Math.exp(-u));
}

/** Inverse of toBounded. */
export function fromBounded(v: number, low: number, high: number): number {
  const p = Math.min(1 - 1e-9, Math.max(1e-9, (v - low) / (high - low)));
  return Math.log(p / (1 - p));
}
