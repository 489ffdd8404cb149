/**
 * Plan bench: the full pipeline for a generated shop (10k variants, two locations by default),
 * from daily demand to stored forecasts, stock plans, proposals and alerts, and a one-variant
 * re-plan after a stock change. Setting the shop up (simulator + the real backfill) is not
 * timed; the plan runs in a child process whose wall time, CPU and peak RSS are printed.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx tests/bench/plan/run.ts \
 *     [--variants 10000] [--order-lines 1000000] [--threads 2] [--reuse] [--calibration on|off]
 *
 * DATABASE_URL names the server; the bench uses its own database tempo_bench_plan (--reuse keeps
 * a shop loaded by an earlier run). Targets: 30 s or less on 2 cores, RSS under 1 GiB, re-plan under 1 s.
 */
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { BENCH_APP_ENV, loadedShopId, loadGeneratedShop } from "../support/generated-shop";

const { values } = parseArgs({
  options: {
    variants: { type: "string", default: "10000" },
    "order-lines": { type: "string", default: "1000000" },
    threads: { type: "string", default: "2" },
    reuse: { type: "boolean", default: false },
    /** off: no per-shop calibration or policy replay, for the time with and without them */
    calibration: { type: "string", default: "on" },
  },
});

const SHOP = "bench-plan.myshopify.com";
const BENCH_DB = "tempo_bench_plan";
/** The generator's default history ends on 1 Nov 2026: the plan is made that day. */
const AS_OF = "2026-11-01";
const benchUrl = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
benchUrl.pathname = `/${BENCH_DB}`;
const appEnv = BENCH_APP_ENV;
const generated = { databaseUrl: benchUrl.toString(), shop: SHOP, seed: 3, variants: Number(values.variants), orderLines: Number(values["order-lines"]) };

const setupStarted = performance.now();
const shopId = (values.reuse ? await loadedShopId(generated.databaseUrl, SHOP) : null) ?? (await loadGeneratedShop(generated));
console.log(`plan bench: ${values.variants} variants, ${values["order-lines"]} order lines, two locations (set-up ${((performance.now() - setupStarted) / 1000).toFixed(0)} s, not timed)`);

const output = execFileSync(process.execPath, ["--import", "tsx", "tests/bench/plan/plan-run.ts"], {
  env: { ...process.env, ...appEnv, DATABASE_URL: benchUrl.toString(), BENCH_SHOP_ID: String(shopId), BENCH_AS_OF: AS_OF, BENCH_THREADS: values.threads, BENCH_CALIBRATION: values.calibration },
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
const result = JSON.parse(output.trim().split("\n").at(-1)!) as {
  full: { pairs: number; proposals: number; alertsOpened: number; seconds: Record<string, number> };
  calibration: {
    locationId: string;
    backtests: number;
    modelCoverage: number | null;
    replay: { cycles: number; target: number; plan: Record<string, number>; textbook: Record<string, number> } | null;
    corrections: string[];
  }[];
  openByKind: Record<string, number>;
  pairsAlerting: number;
  fullWall: number;
  fullCpu: number;
  peakRss: number;
  maxRssKb: number;
  replansMs: number[];
};
const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;
const phases = Object.entries(result.full.seconds).map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(", ");
const sorted = [...result.replansMs].sort((a, b) => a - b);
console.log(`  full plan: ${result.fullWall.toFixed(1)} s wall (target <= 30 s), ${result.fullCpu.toFixed(1)} s CPU in the worker process (all threads), ${values.threads} forecast threads, calibration ${values.calibration}`);
console.log(`             ${phases}`);
console.log(`             ${result.full.pairs} variant-locations planned, ${result.full.proposals} reorder lines, ${result.full.alertsOpened} alerts opened`);
const pct = (share: number) => `${(100 * share).toFixed(1)}%`;
const openAlerts = Object.values(result.openByKind).reduce((a, b) => a + b, 0);
console.log(
  `  open alerts after the run: ${openAlerts} (${Object.entries(result.openByKind).map(([kind, n]) => `${kind} ${n}`).join(", ") || "none"}); ` +
    `${result.pairsAlerting} of ${result.full.pairs} variant-locations (${pct(result.pairsAlerting / Math.max(1, result.full.pairs))}) have one`,
);
for (const c of result.calibration) {
  const coverage = c.modelCoverage === null ? "none learned" : `model P10–P90 held ${pct(c.modelCoverage)} of ${c.backtests} backtests' weeks`;
  const r = c.replay;
  const replay = r
    ? `replay of the last weeks: ${r.cycles} cycles, service ${pct(r.plan.cycleService!)} vs target ${pct(r.target)}, fill ${pct(r.plan.fillRate!)}, mean stock ${r.plan.meanStock!.toFixed(1)}; ` +
      `textbook normal SS: service ${pct(r.textbook.cycleService!)}, fill ${pct(r.textbook.fillRate!)}, mean stock ${r.textbook.meanStock!.toFixed(1)}`
    : "no replay";
  console.log(`  location ${c.locationId}: ${coverage}; ${replay}; corrections ${c.corrections.join(", ") || "none"}`);
}
console.log(`  peak RSS:  ${mb(result.maxRssKb * 1024)} (target < 1 GiB)`);
console.log(`  one-variant re-plan after a stock change: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms over ${sorted.length} (target < 1 s)`);
