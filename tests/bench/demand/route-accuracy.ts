/**
 * Does lending a group's seasonality beat a variant's own history when the variant is sparse
 * or short? Synthetic groups share a yearly shape (amplitude 0.6, random phase); each has one
 * busy variant and several sparse or young ones. The outlook is run twice — default routing
 * (top-down allowed) and own-history only — and scored on the next 26 weeks of actual sales.
 * One sparse variant per group follows its own season instead: the case top-down gets wrong.
 * New variants (3 weeks old) are scored against own-history forecasts from those 3 weeks.
 * Run: npx tsx tests/bench/demand/route-accuracy.ts
 */
import { type VariantDemandInput, type VariantOutlook, buildDemandOutlook } from "~/engine/forecast/outlook";
import { PROFILE_SLOTS } from "~/engine/forecast/top-down";
import { addDays, weekOfYearSlot, weekStartOf } from "~/engine/forecast/weekly";
import { dailyRows, seededRandom } from "../../unit/engine/demand/synthetic";

const random = seededRandom(11);
const asOf = "2026-05-25"; // a Monday: history ends the day before
const horizon = 26;
const actualEnd = addDays(asOf, 7 * horizon - 1);
const inputs: VariantDemandInput[] = [];
const kinds = new Map<string, string>();
for (let g = 0; g < 30; g++) {
  const phase = random() * 2 * Math.PI;
  const shape = (date: string) => 1 + 0.6 * Math.sin((2 * Math.PI * weekOfYearSlot(weekStartOf(date))) / PROFILE_SLOTS + phase);
  const add = (id: string, kind: string, start: string, rate: number, ownShape = shape) => {
    kinds.set(id, kind);
    inputs.push({ variantId: id, productId: `p${g}`, productType: `type${g}`, vendor: "v", price: 20, firstSaleDate: start, daily: dailyRows(start, actualEnd, (d) => rate * ownShape(d), random) });
  };
  add(`g${g}-busy`, "busy", "2023-05-29", 8);
  for (let k = 0; k < 4; k++) add(`g${g}-sparse${k}`, "sparse (3 yrs, ~1/wk)", "2023-05-29", 0.05 + 0.25 * random());
  for (let k = 0; k < 2; k++) add(`g${g}-young${k}`, "young (70 wks, ~7/wk)", addDays(asOf, -7 * 70), 0.5 + random());
  // The unfavourable case: a sparse variant whose season does not follow its group's.
  const ownPhase = random() * 2 * Math.PI;
  const misfit = (date: string) => 1 + 0.6 * Math.sin((2 * Math.PI * weekOfYearSlot(weekStartOf(date))) / PROFILE_SLOTS + ownPhase);
  add(`g${g}-misfit`, "sparse, own season (~1/wk)", "2023-05-29", 0.05 + 0.25 * random(), misfit);
  add(`g${g}-new`, "new (3 wks, ~20/wk)", addDays(asOf, -21), 2 + 2 * random());
}

function actualWeeks(input: VariantDemandInput, weekStarts: readonly string[]): number[] {
  return weekStarts.map((w) => input.daily.filter((r) => r.date >= w && r.date <= addDays(w, 6)).reduce((a, r) => a + r.units, 0));
}

function score(outlooks: VariantOutlook[], kind: string) {
  let abs = 0, err = 0, total = 0, pinball = 0, covered = 0, count = 0;
  const routes: Record<string, number> = {};
  for (const o of outlooks) {
    if (kinds.get(o.variantId) !== kind) continue;
    routes[o.source] = (routes[o.source] ?? 0) + 1;
    const input = inputs.find((i) => i.variantId === o.variantId);
    if (!input) continue;
    const actual = actualWeeks(input, o.weekStarts);
    actual.forEach((y, h) => {
      const f = o.mean[h] ?? 0;
      abs += Math.abs(y - f); err += f - y; total += y;
      for (const [q, values] of [[0.1, o.p10], [0.5, o.p50], [0.9, o.p90]] as const) {
        const v = values[h] ?? 0;
        pinball += y >= v ? q * (y - v) : (1 - q) * (v - y);
      }
      if (y >= (o.p10[h] ?? 0) && y <= (o.p90[h] ?? 0)) covered++;
      count++;
    });
  }
  return { routes, wape: (abs / total).toFixed(3), bias: (err / total).toFixed(3), pinballPerWeek: (pinball / count).toFixed(3), p10p90Coverage: (covered / count).toFixed(2) };
}

const started = performance.now();
const withTopDown = buildDemandOutlook(inputs, { asOf, horizonWeeks: horizon });
const ownOnly = buildDemandOutlook(inputs, { asOf, horizonWeeks: horizon, minProfileWeight: 2, newVariantWeeks: 1 });
console.log(`${inputs.length} variants, two outlook runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
for (const kind of ["sparse (3 yrs, ~1/wk)", "sparse, own season (~1/wk)", "young (70 wks, ~7/wk)", "new (3 wks, ~20/wk)", "busy"]) {
  console.log(kind);
  console.log("  default routing:", JSON.stringify(score(withTopDown, kind)));
  console.log("  own history only:", JSON.stringify(score(ownOnly, kind)));
}
