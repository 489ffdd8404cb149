/**
 * Speed of the demand pipeline on synthetic shops: N variants (default 500) with 3 years of
 * daily rows — 60% steady, 20% sparse, 20% launched a month ago. Prints ms per variant for
 * cleaning alone and for the whole outlook (cleaning, routing, autoForecast, explanation).
 * Run: npx tsx tests/bench/demand/outlook-speed.ts [N]
 */
import { buildDemandOutlook, type VariantDemandInput } from "~/engine/forecast/outlook";
import { cleanDemandHistory } from "~/engine/forecast/cleaning";
import { dailyRows, seededRandom } from "../../unit/engine/demand/synthetic";
const random = seededRandom(3);
const inputs: VariantDemandInput[] = [];
const N = Number(process.argv[2] ?? 500);
for (let v = 0; v < N; v++) {
  const kind = v % 5; // 0-2 steady, 3 sparse, 4 new
  const start = kind === 4 ? "2026-10-20" : "2023-11-27";
  const rate = kind === 3 ? 0.2 : 2 + (v % 7);
  const shape = (d: string) => 1 + 0.4 * Math.sin(2 * Math.PI * (Date.parse(d) / 864e5) / 364);
  inputs.push({
    variantId: `v${v}`, productId: `p${Math.floor(v / 4)}`, productType: `type${v % 25}`, vendor: `vendor${v % 3}`, price: 20 + (v % 5),
    daily: dailyRows(start, "2026-11-24", (d) => rate * shape(d), random, { discountShare: (d) => (d.endsWith("-15") ? 0.8 : 0), depthPct: () => 20 }),
    stockouts: v % 3 === 0 ? [{ from: "2025-06-01", to: "2025-06-10" }] : [],
    promoWindows: [{ start: "2025-11-28", end: "2025-12-01", discountPct: 25 }],
  });
}
let t = performance.now();
for (const i of inputs) cleanDemandHistory({ rows: i.daily, range: { from: "2023-11-27", to: "2026-11-22" }, stockouts: i.stockouts, promoWindows: i.promoWindows });
const cleanMs = performance.now() - t;
t = performance.now();
const out = buildDemandOutlook(inputs, { asOf: "2026-11-25", plannedPromotions: [{ start: "2026-12-01", end: "2026-12-07", discountPct: 25, variantIds: ["v0", "v1"] }] });
const totalMs = performance.now() - t;
const bySource: Record<string, number> = {};
for (const o of out) bySource[o.source] = (bySource[o.source] ?? 0) + 1;
console.log(JSON.stringify({ variants: N, cleaningMsPerVariant: +(cleanMs / N).toFixed(2), outlookMsPerVariant: +(totalMs / N).toFixed(1), totalSeconds: +(totalMs / 1000).toFixed(1), bySource, heapMB: Math.round(process.memoryUsage().heapUsed / 1e6) }));
for (const i of [0, 3, 4]) console.log(out[i]?.explanation.sentence);
