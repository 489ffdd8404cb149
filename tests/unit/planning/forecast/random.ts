// Deterministic random numbers for simulation tests.
export { seededRandom } from "../../../bench/forecast/generate";

import { seededRandom } from "../../../bench/forecast/generate";

export function gaussianSampler(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}
