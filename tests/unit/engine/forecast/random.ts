// Deterministic random numbers for simulation tests.
import { gaussian, seededRandom } from "../../../support/random";

export { seededRandom };

export function gaussianSampler(seed: number): () => number {
  const random = seededRandom(seed);
  return () => gaussian(random);
}
