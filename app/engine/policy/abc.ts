/**
 * ABC classification by revenue (Pareto analysis, as in most inventory texts, e.g. Silver, Pyke &
 * Thomas, "Inventory and Production Management in Supply Chains", ch. 2): items ranked by revenue;
 * an item is A while the revenue share of the items ranked above it is under `a` (so the item that
 * crosses the cut-off is still A), B under `b`, C after. Items without revenue are C.
 */
export type AbcClass = "A" | "B" | "C";

export interface AbcCutoffs {
  /** cumulative revenue share that A covers, default 0.8 */
  a: number;
  /** cumulative revenue share that A and B cover, default 0.95 */
  b: number;
}

export interface AbcResult {
  abcClass: AbcClass;
  /** this item's share of all revenue, 0..1 */
  revenueShare: number;
  reason: string;
}

/** The name main's plan code uses for a classification result. */
export type AbcAssignment = AbcResult;

export const DEFAULT_ABC_CUTOFFS: AbcCutoffs = { a: 0.8, b: 0.95 };

const percent = (share: number): string => {
  const value = 100 * share;
  return `${value >= 10 || value === 0 ? Math.round(value) : value >= 1 ? value.toFixed(1) : value.toFixed(2)}%`;
};

export function classifyAbc(items: readonly { id: string; revenue: number }[], cutoffs: AbcCutoffs = DEFAULT_ABC_CUTOFFS): Map<string, AbcResult> {
  if (!(cutoffs.a > 0 && cutoffs.a <= cutoffs.b && cutoffs.b <= 1)) throw new Error(`ABC cut-offs must satisfy 0 < a ≤ b ≤ 1, got a = ${cutoffs.a}, b = ${cutoffs.b}`);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new Error(`ABC classification got item "${item.id}" twice`);
    seen.add(item.id);
    if (!Number.isFinite(item.revenue)) throw new Error(`ABC classification: revenue of "${item.id}" is not a number (${item.revenue})`);
  }
  // Net revenue can dip below zero after refunds; it then counts as none.
  const revenueOf = (item: { revenue: number }): number => Math.max(0, item.revenue);
  const total = items.reduce((a, item) => a + revenueOf(item), 0);
  const ranked = [...items].sort((x, y) => revenueOf(y) - revenueOf(x) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const result = new Map<string, AbcResult>();
  let before = 0;
  ranked.forEach((item, rank) => {
    const revenue = revenueOf(item);
    const share = total > 0 ? revenue / total : 0;
    const abcClass: AbcClass = revenue <= 0 ? "C" : before < cutoffs.a ? "A" : before < cutoffs.b ? "B" : "C";
    const after = before + share;
    const place = `ranked ${rank + 1} of ${items.length}`;
    const reason =
      revenue <= 0
        ? `C class: no revenue in the period, ${place}.`
        : abcClass === "A"
          ? `A class: ${percent(share)} of revenue, ${place}; the items above it make ${percent(before)}, under the ${percent(cutoffs.a)} that A covers.`
          : abcClass === "B"
            ? `B class: ${percent(share)} of revenue, ${place}; the items above it make ${percent(before)}, past A's ${percent(cutoffs.a)} and under ${percent(cutoffs.b)}.`
            : `C class: ${percent(share)} of revenue, ${place}; the items above it already make ${percent(before)} (A and B cover ${percent(cutoffs.b)}).`;
    result.set(item.id, { abcClass, revenueShare: share, reason });
    before = after;
  });
  return result;
}

/** The cycle service target of a class. */
export function serviceLevelFor(abcClass: AbcClass, levels: { A: number; B: number; C: number }): number {
  const level = levels[abcClass];
  if (!(level > 0 && level < 1)) throw new Error(`service level for class ${abcClass} must lie strictly between 0 and 1, got ${level}`);
  return level;
}
