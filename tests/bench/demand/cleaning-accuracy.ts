/**
 * How close does cleaning get to true regular-price demand? Synthetic variants with known
 * demand lose sales to random stockouts and gain/lose them to promotions (lift ×2 during,
 * −15% the week after). Prints weekly WAPE and bias of raw sales and of the cleaned baseline
 * against the true baseline demand. Run: npx tsx tests/bench/demand/cleaning-accuracy.ts
 * (add `keep-dip` to leave post-promotion days as sold).
 */
import { cleanDemandHistory } from "~/engine/forecast/cleaning";
import { addDays, daysBetween } from "~/engine/forecast/weekly";
import { poisson, seededRandom } from "../../unit/engine/demand/synthetic";

const random = seededRandom(2026);
const from = "2024-11-25";
const days = 728;
const to = addDays(from, days - 1);
const variants = 200;

let rawAbs = 0, cleanAbs = 0, truthTotal = 0, rawTotal = 0, cleanTotal = 0;
const touched = { rawAbs: 0, cleanAbs: 0, truth: 0 };
for (let v = 0; v < variants; v++) {
  const rate = 0.3 + random() * 12;
  const stockouts: { from: string; to: string }[] = [];
  for (let k = 0; k < 6; k++) {
    const start = Math.floor(random() * (days - 25));
    stockouts.push({ from: addDays(from, start), to: addDays(from, start + 2 + Math.floor(random() * 18)) });
  }
  const promos: { start: string; end: string }[] = [];
  for (let k = 0; k < 8; k++) {
    const start = 10 + Math.floor(random() * (days - 30));
    promos.push({ start: addDays(from, start), end: addDays(from, start + 3) });
  }
  const out = (d: string) => stockouts.some((s) => d >= s.from && d <= s.to);
  const promo = (d: string) => promos.some((p) => d >= p.start && d <= p.end);
  const afterPromo = (d: string) => promos.some((p) => d > p.end && d <= addDays(p.end, 7));
  const truth: number[] = [];
  const rows = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const season = 1 + 0.3 * Math.sin((2 * Math.PI * i) / 364);
    const base = poisson(rate * season * (weekday === 0 || weekday === 6 ? 1.4 : 0.84), random);
    truth.push(base);
    let sold = base;
    if (promo(date)) sold = poisson(rate * season * 2, random);
    else if (afterPromo(date)) sold = Math.round(base * 0.85);
    if (out(date)) sold = 0;
    if (sold > 0) rows.push({ date, units: sold, discountedUnits: promo(date) ? Math.round(sold * 0.9) : 0, revenue: sold * 10 });
  }
  const cleaned = cleanDemandHistory({ rows, range: { from, to }, stockouts }, { restorePostPromoDip: process.argv[2] !== "keep-dip" });
  cleaned.weekly.weekStarts.forEach((_, w) => {
    const flags = cleaned.weekly.flags[w];
    const start = daysBetween(from, cleaned.weekly.weekStarts[w] ?? from);
    const t = truth.slice(Math.max(0, start), start + 7).reduce((a, b) => a + b, 0);
    const raw = cleaned.weekly.raw[w] ?? 0;
    const clean = cleaned.weekly.baseline[w] ?? 0;
    rawAbs += Math.abs(raw - t); cleanAbs += Math.abs(clean - t);
    truthTotal += t; rawTotal += raw; cleanTotal += clean;
    if (flags && (flags.stockoutDays > 0 || flags.promoDays > 0)) {
      touched.rawAbs += Math.abs(raw - t); touched.cleanAbs += Math.abs(clean - t); touched.truth += t;
    }
  });
}
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`variants ${variants}, ${days} days each`);
console.log(`all weeks      WAPE raw ${pct(rawAbs / truthTotal)}  cleaned ${pct(cleanAbs / truthTotal)}`);
console.log(`touched weeks  WAPE raw ${pct(touched.rawAbs / touched.truth)}  cleaned ${pct(touched.cleanAbs / touched.truth)}`);
console.log(`total bias     raw ${pct(rawTotal / truthTotal - 1)}  cleaned ${pct(cleanTotal / truthTotal - 1)}`);
