// Deterministic synthetic weekly variants: smooth, trending, seasonal and intermittent demand.
import { gaussian, poissonKnuth, seededRandom } from "../../support/random";

export { seededRandom };


function poisson(random: () => number, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  return poissonKnuth(mean, random);
}


export type VariantKind = "smooth" | "trending" | "seasonal" | "intermittent";

/** One variant's weekly unit sales; the kind cycles with the index (40% intermittent). */
export function generateVariant(index: number, weeks: number): { kind: VariantKind; values: number[] } {
  const random = seededRandom(index * 7919 + 17);
  const kinds: VariantKind[] = ["smooth", "intermittent", "seasonal", "intermittent", "trending"];
  const kind = kinds[index % kinds.length]!;
  const base = 2 + random() * 60;
  const values: number[] = [];
  for (let t = 0; t < weeks; t++) {
    if (kind === "intermittent") {
      values.push(random() < 0.15 + 0.3 * random() ? 1 + poisson(random, base / 10) : 0);
      continue;
    }
    let level = base;
    if (kind === "trending") level *= 1 + (0.6 * t) / weeks;
    if (kind === "seasonal") level *= 1 + 0.5 * Math.sin((2 * Math.PI * t) / 52);
    values.push(poisson(random, level));
  }
  return { kind, values };
}
