/**
 * The timed part of the board bench (child process, run by run.ts): each case calls the loader
 * module its route calls, two untimed warm-ups, then BENCH_RUNS timed calls one after another.
 * Prints p50 and p95 wall time per case.
 */
export {};
const shopId = Number(process.env.BENCH_SHOP_ID);
const runs = Number(process.env.BENCH_RUNS ?? 30);
const TARGET_P95_MS = 300;

const { getBoardView } = await import("~/features/board/view.server");
const { getVariantDetail } = await import("~/features/variant/detail.server");
const { closePgPool } = await import("~/platform/pg-pool.server");
const { default: prisma } = await import("~/platform/db.server");
const { backendCpuMeter, ownCpuSeconds, quantile } = await import("../support/bench-env");
const { cpus, loadavg } = await import("node:os");

const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { id: true, domain: true } });
const board = (params: Record<string, string>) => () => getBoardView(shop, new URLSearchParams(params));

// The groups a merchant drills into first: the biggest ones of each roll-up.
const biggest = async (rollup: string) => (await board({ rollup })()).grid.sort((a, b) => b.pairs - a.pairs)[0]!.key;
const vendor = await biggest("vendor");
const collection = await biggest("collection");
// At-risk variants (soonest stockout first), as the board's drill-down and alerts link to them.
const atRisk = await prisma.stockPlan.findMany({
  where: { shopId, planRunId: (await prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).activePlanRunId!, projectedStockoutDate: { not: null } },
  orderBy: [{ projectedStockoutDate: "asc" }, { variantId: "asc" }],
  distinct: ["variantId"],
  take: runs + 2,
  select: { variantId: true },
});
let nextVariant = 0;

const cases: [string, () => Promise<unknown>][] = [
  ["board by product type", board({})],
  ["board by vendor", board({ rollup: "vendor" })],
  ["board by collection", board({ rollup: "collection" })],
  ["board by location", board({ rollup: "location" })],
  ...[1, 2, 3].map((page): [string, () => Promise<unknown>] => [`board by vendor, "${vendor}" page ${page}`, board({ rollup: "vendor", group: vendor, page: String(page) })]),
  ...[1, 2, 3].map((page): [string, () => Promise<unknown>] => [`board by collection, "${collection}" page ${page}`, board({ rollup: "collection", group: collection, page: String(page) })]),
  ["variant detail (at-risk variants)", () => getVariantDetail(shopId, atRisk[nextVariant++ % atRisk.length]!.variantId)],
];

// CPU per call, the app's and PostgreSQL's: on a shared machine wall time also counts waiting for a core.
const pgCpu = await backendCpuMeter(process.env.DATABASE_URL!);
let misses = 0;
console.log(`  load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores at the start`);
for (const [name, call] of cases) {
  for (let w = 0; w < 2; w++) await call();
  const cpu0 = { app: ownCpuSeconds(), db: await pgCpu.seconds() };
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  const cpuMs = { app: ((ownCpuSeconds() - cpu0.app) * 1000) / runs, db: (((await pgCpu.seconds()) - cpu0.db) * 1000) / runs };
  const p95 = quantile(times, 0.95);
  if (p95 > TARGET_P95_MS) misses++;
  console.log(
    `  ${name.padEnd(52)} p50 ${quantile(times, 0.5).toFixed(0).padStart(5)} ms   p95 ${p95.toFixed(0).padStart(5)} ms${p95 > TARGET_P95_MS ? " (over)" : "       "}   CPU/call: app ${cpuMs.app.toFixed(0).padStart(3)} ms, PostgreSQL ${cpuMs.db.toFixed(0).padStart(3)} ms`,
  );
}
console.log(`  ${runs} calls per case; target p95 <= ${TARGET_P95_MS} ms: ${misses === 0 ? "met in every case" : `missed in ${misses} of ${cases.length} cases`}`);
console.log(`  load average ${loadavg()[0]!.toFixed(1)} at the end`);
await pgCpu.stop();
await closePgPool();
await prisma.$disconnect();
process.exit(0);
