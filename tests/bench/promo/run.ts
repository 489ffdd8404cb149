// Promotion check speed: npm run bench:promo [-- --variants 500 --runs 15]
// One check of a 14-day promotion over N variants with its ranked phasing options, as the editor
// runs it after every edit. Target: 500 ms or less for 500 variants. Forecasts (autoForecast on
// generated weekly histories), safety stock and the inputs are built first and not timed.
import { autoForecast } from "../../../app/engine/forecast/auto";
import { addDays, weekStartOf } from "../../../app/engine/calendar";
import { computeStockPolicy } from "../../../app/engine/policy";
import { checkPromotion, type PromotionPlan, type SeriesInput } from "../../../app/engine/promotions";
import { generateVariant, seededRandom } from "../forecast/generate";

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const variants = argument("variants", 500);
const runs = argument("runs", 15);
const asOf = "2027-03-03";
const weekStart = weekStartOf(asOf);
const horizon = 26;
const random = seededRandom(4242);

const setupStarted = performance.now();
const series: SeriesInput[] = [];
for (let i = 0; i < variants; i++) {
  const history = generateVariant(i, 104).values;
  const forecast = autoForecast(history, { horizon, seasonLength: 52, quantiles: [0.5] });
  const weekly = forecast.forecast.mean;
  const rate = weekly[0] ?? 0;
  const leadTimeDays = 14 + Math.floor(random() * 4) * 7;
  const serviceLevel = [0.9, 0.95, 0.98][i % 3]!;
  const policy = computeStockPolicy({ distribution: forecast.distribution, leadTimeDays, reviewDays: 7, serviceLevel, startOffsetDays: 2 });
  // Between three and fourteen weeks of cover; two in five have a PO landing in the next six weeks.
  const available = Math.round(rate * (3 + random() * 11));
  const inbound = random() < 0.4 ? [{ date: addDays(asOf, 7 + Math.floor(random() * 35)), units: Math.round(rate * 4) + 5, source: "purchase_order" as const, label: `PO-${1000 + i}` }] : [];
  series.push({
    seriesId: `v${i}`,
    variantId: `v${i}`,
    variantLabel: `Variant ${i}`,
    baseline: { kind: "weekly", weekStarts: Array.from({ length: horizon }, (_, w) => addDays(weekStart, 7 * w)), weekly, distribution: forecast.distribution },
    available,
    inbound,
    leadTimeDays,
    safetyStock: policy.safetyStock,
    serviceLevel,
    unitPrice: 20 + (i % 7) * 5,
    unitCost: 8 + (i % 7) * 2,
    casePack: [1, 6, 12][i % 3]!,
    moqUnits: i % 5 === 0 ? 24 : 0,
  });
}
const setupSeconds = (performance.now() - setupStarted) / 1000;

const promotion: PromotionPlan = {
  id: "summer",
  name: "Summer sale",
  start: addDays(asOf, 21),
  end: addDays(asOf, 34),
  lift: 2.2,
  liftHigh: 2.8,
  discountPct: 30,
  dipByWeekAfter: [-0.15, -0.05],
};
const other: PromotionPlan = {
  id: "bundle",
  name: "Bundle week",
  start: addDays(asOf, 28),
  end: addDays(asOf, 34),
  lift: 1.5,
  variantIds: series.filter((_, i) => i % 3 === 0).map((s) => s.variantId),
};
const input = { asOf, promotion, series, otherPromotions: [other] };

// Wall time and this process's CPU time: the machine may be shared, and CPU time is what one check costs.
const time = (fn: () => unknown): { wall: number; cpu: number } => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
};
// Fresh copies of the series, as a request loading them from the database hands them in.
const fresh = () => ({ ...input, series: structuredClone(series) });
const first = time(() => checkPromotion(fresh()));
const timings: { wall: number; cpu: number }[] = [];
const verdictOnly: { wall: number; cpu: number }[] = [];
for (let r = 0; r < runs; r++) {
  const copy = fresh();
  timings.push(time(() => checkPromotion(copy)));
  const again = fresh();
  verdictOnly.push(time(() => checkPromotion({ ...again, settings: { phasing: false } })));
}
const check = checkPromotion(fresh());
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
const figures = (list: { wall: number; cpu: number }[]) =>
  `median ${quantile(list.map((t) => t.wall), 0.5).toFixed(0)} ms wall (${quantile(list.map((t) => t.cpu), 0.5).toFixed(0)} ms CPU), p90 ${quantile(list.map((t) => t.wall), 0.9).toFixed(0)} ms wall`;

const families = new Map<string, number>();
for (const s of series) if (s.baseline.kind === "weekly" && s.baseline.distribution) families.set(s.baseline.distribution.family, (families.get(s.baseline.distribution.family) ?? 0) + 1);
console.log(`${variants} variants (${[...families].map(([f, n]) => `${n} ${f}`).join(", ")}), a 14-day promotion at ×2.2 (high path ×2.8) overlapping a second one on a third of them; setup ${setupSeconds.toFixed(1)} s (untimed)`);
console.log(`verdict ${check.verdict}: ${check.counts.supportable} supportable, ${check.counts.at_risk} at risk, ${check.counts.not_supportable} not supportable`);
for (const option of check.options) console.log(`  ${option.rank}. ${option.kind} -> ${option.verdictAfter} (${option.changes} changes): ${option.description.slice(0, 100)}${option.description.length > 100 ? "…" : ""}`);
console.log(`one check with its phasing options: ${figures(timings)}; the first (cold JIT) ${first.wall.toFixed(0)} ms wall, over ${runs} runs (target: 500 ms or less)`);
console.log(`the verdict alone (phasing off): ${figures(verdictOnly)}`);
