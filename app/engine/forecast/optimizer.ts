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
  // Trial points live in reusable buffers and are copied into the simplex when accepted: the
  // optimiser runs thousands of times per series, and allocation was a large share of its cost.
  const centroid = new Array<number>(dim);
  const reflected = new Array<number>(dim);
  const trial = new Array<number>(dim);
  const along = (coefficient: number, into: number[], worst: readonly number[]): number[] => {
    for (let k = 0; k < dim; k++) into[k] = centroid[k]! + coefficient * (worst[k]! - centroid[k]!);
    return into;
  };
  const accept = (vertex: number, point: readonly number[], value: number): void => {
    const target = simplex[vertex]!;
    for (let k = 0; k < dim; k++) target[k] = point[k]!;
    values[vertex] = value;
  };

  while (iterations < maxIterations) {
    iterations++;
    order.sort((a, b) => values[a]! - values[b]!);
    const best = order[0]!;
    const worst = order[dim]!;
    const secondWorst = order[dim - 1]!;
    if (Math.abs(values[worst]! - values[best]!) <= tolerance * (Math.abs(values[best]!) + tolerance)) break;

    centroid.fill(0);
    for (let j = 0; j < dim; j++) {
      const vertex = simplex[order[j]!]!;
      for (let k = 0; k < dim; k++) centroid[k]! += vertex[k]! / dim;
    }
    const worstVertex = simplex[worst]!;

    along(-1, reflected, worstVertex);
    const reflectedValue = safe(reflected);
    if (reflectedValue < values[best]!) {
      const expanded = along(-2, trial, worstVertex);
      const expandedValue = safe(expanded);
      if (expandedValue < reflectedValue) accept(worst, expanded, expandedValue);
      else accept(worst, reflected, reflectedValue);
      continue;
    }
    if (reflectedValue < values[secondWorst]!) {
      accept(worst, reflected, reflectedValue);
      continue;
    }
    const outside = reflectedValue < values[worst]!;
    const contracted = along(outside ? -0.5 : 0.5, trial, worstVertex);
    const contractedValue = safe(contracted);
    if (contractedValue < (outside ? reflectedValue : values[worst]!)) {
      accept(worst, contracted, contractedValue);
      continue;
    }
    // Shrink towards the best vertex.
    const bestVertex = simplex[best]!;
    for (let j = 1; j <= dim; j++) {
      const vertex = simplex[order[j]!]!;
      for (let k = 0; k < dim; k++) vertex[k] = bestVertex[k]! + 0.5 * (vertex[k]! - bestVertex[k]!);
      values[order[j]!] = safe(vertex);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= dim; i++) if (values[i]! < values[bestIndex]!) bestIndex = i;
  return { x: [...simplex[bestIndex]!], value: values[bestIndex]!, iterations };
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
