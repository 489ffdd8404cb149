/**
 * ABC classification by revenue (Pareto): sorted by revenue, a variant is A while the revenue
 * before it is under the A cut-off share, B under the B cut-off, C after; no revenue is C.
 * Classes set the service level a variant is stocked for.
 */
export type AbcClass = "A" | "B" | "C";

export interface AbcCutoffs {
  /** Cumulative revenue share that ends class A, e.g. 0.8. */
  a: number;
  /** Cumulative revenue share that ends class B, e.g. 0.95. */
  b: number;
}

export interface AbcAssignment {
  abcClass: AbcClass;
  revenueShare: number;
  reason: string;
}

export function classifyAbc(items: readonly { id: string; revenue: number }[], cutoffs: AbcCutoffs = { a: 0.8, b: 0.95 }): Map<string, AbcAssignment> {
  const total = items.reduce((sum, item) => sum + Math.max(0, item.revenue), 0);
  const sorted = [...items].sort((x, y) => y.revenue - x.revenue || x.id.localeCompare(y.id));
  const result = new Map<string, AbcAssignment>();
  let before = 0;
  for (const item of sorted) {
    const revenue = Math.max(0, item.revenue);
    const share = total > 0 ? revenue / total : 0;
    const abcClass: AbcClass = revenue <= 0 ? "C" : before < cutoffs.a ? "A" : before < cutoffs.b ? "B" : "C";
    const pct = (value: number) => `${Math.round(value * 1000) / 10}%`;
    const reason =
      revenue <= 0
        ? "C class: no revenue in the last year."
        : `${abcClass} class: ${pct(share)} of revenue, ${abcClass === "A" ? `among the items making the first ${pct(cutoffs.a)}` : abcClass === "B" ? `among the items making ${pct(cutoffs.a)}–${pct(cutoffs.b)}` : `in the last ${pct(1 - cutoffs.b)}`}.`;
    result.set(item.id, { abcClass, revenueShare: share, reason });
    before += share;
  }
  return result;
}

export function serviceLevelFor(abcClass: AbcClass, levels: { A: number; B: number; C: number }): number {
  return levels[abcClass];
}
