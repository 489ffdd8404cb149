// Nightly-run throughput: npx tsx tests/bench/forecast/run.ts [--variants 10000] [--weeks 104] [--workers 2]
// Full autoForecast (classification, backtest model choice, quantiles) per variant, across worker threads.
import { availableParallelism } from "node:os";
import { createWorkerPool } from "../../../app/platform/worker-pool";
import { generateVariant } from "./generate";
import type { NightlyResult, NightlyTask } from "./worker";

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const variants = argument("variants", 10_000);
const weeks = argument("weeks", 104);
const workers = argument("workers", 2);
const batchSize = 200;

const series = Array.from({ length: variants }, (_, i) => generateVariant(i, weeks).values);
const pool = createWorkerPool<NightlyTask, NightlyResult>(new URL("./worker.ts", import.meta.url), workers);
// Warm the workers (tsx compile, JIT) before timing.
await Promise.all(Array.from({ length: workers }, () => pool.run({ series: series.slice(0, 5), horizon: 13, seasonLength: 52 })));
const started = performance.now();
const batches: Promise<NightlyResult>[] = [];
for (let i = 0; i < variants; i += batchSize) batches.push(pool.run({ series: series.slice(i, i + batchSize), horizon: 13, seasonLength: 52 }));
const answers = await Promise.all(batches);
const seconds = (performance.now() - started) / 1000;
const results = answers.flatMap((a) => a.outcomes);
const cpuSeconds = answers.reduce((a, b) => a + b.cpuSeconds, 0);
await pool.close();

const tally = (key: "model" | "demandClass"): string => {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r[key], (counts.get(r[key]) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ");
};
console.log(`${results.length} variants x ${weeks} weeks, h=13, m=52, ${workers} workers (${availableParallelism()} cores visible)`);
console.log(`wall ${seconds.toFixed(1)} s, ${(results.length / seconds).toFixed(0)} series/s (target: 10k in <= 30 s)`);
console.log(
  `worker CPU ${cpuSeconds.toFixed(1)} s = ${((1000 * cpuSeconds) / results.length).toFixed(2)} ms per series; ` +
    `on ${workers} otherwise idle cores: ${(cpuSeconds / workers).toFixed(1)} s, ${((results.length * workers) / cpuSeconds).toFixed(0)} series/s`,
);
console.log(`classes: ${tally("demandClass")}`);
console.log(`models: ${tally("model")}`);
